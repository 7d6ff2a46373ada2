/**
 * Site and contact writes through the CHeKT client while the simulator misbehaves: 429 storms,
 * 10 % 5xx, dropped connections and 2 s delays. Every intended write must land exactly once, or
 * fail with a ChektError that says truthfully whether it may have landed. The simulator's store is
 * the ground truth.
 */
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { clearSimFaults, simFault } from "../support/sim-world";
import { startSimulator, type RunningSimulator } from "../../simulator/server";
import { DEMO } from "../../simulator/seed";
import type { ChektClientConfig } from "../../lib/chekt/client";
import { ChektError } from "../../lib/chekt/errors";
import { demoPartnerClient } from "../support/chekt";

const client = (over: Partial<ChektClientConfig> = {}) =>
  demoPartnerClient(sim.url, { timeoutMs: 5_000, deadlineMs: 30_000, backoffBaseMs: 50, backoffMaxMs: 400, ...over });

let sim: RunningSimulator;
const DEALER = DEMO.dealers.acme.id;
const UNSURE = /may or may not have been saved — refresh to check/;
/** The requests most faults here aim at: site creates and site edits. */
const SITE_CREATES = { path: "/partner/v1/dealers/*/sites", method: "POST" };
const SITE_EDITS = { path: "/partner/v1/dealers/*/sites/*", method: "PUT" };

type Outcome = { ok: true } | { ok: false; error: ChektError };
async function attempt(p: Promise<unknown>): Promise<Outcome> {
  try {
    await p;
    return { ok: true };
  } catch (e) {
    if (e instanceof ChektError) return { ok: false, error: e };
    throw e; // anything else is a bug in the client: fail the test with it
  }
}

const sitesWithExternal = (ext: string) => [...sim.state.sites.values()].filter((s) => s.external_site_id === ext);
const contactsWithExternal = (ext: string) =>
  [...sim.state.contacts.values()].filter((c) => c.external_contact_id === ext);

/** The invariant: landed once when it said so, not at all when it said "nothing was saved", never twice. */
function expectHonest(o: Outcome, landed: number, what: string) {
  expect(landed, `${what} landed ${landed} times`).toBeLessThanOrEqual(1);
  if (o.ok) return expect(landed, `${what} succeeded but is not in CHeKT`).toBe(1);
  const message = o.error.toActionFailure().message;
  if (o.error.mayHaveApplied) expect(message).toMatch(UNSURE);
  else {
    expect(landed, `${what} failed with "${message}" yet landed`).toBe(0);
    expect(message).not.toMatch(UNSURE);
  }
}

type Client = ReturnType<typeof client>;

/** Creates `n` sites at once, each with its own external id (`prefix-uuid`), and checks each outcome is honest. */
async function createSites(c: Client, prefix: string, n: number): Promise<Outcome[]> {
  const exts = Array.from({ length: n }, () => `${prefix}-${randomUUID()}`);
  const outcomes = await Promise.all(
    exts.map((ext, i) =>
      attempt(
        c.request("POST", "/partner/v1/dealers/{dealerId}/sites", {
          params: { path: { dealerId: DEALER } },
          body: { external_site_id: ext, name: `${prefix} ${i}`, timezone: "UTC" },
        }),
      ),
    ),
  );
  outcomes.forEach((o, i) => expectHonest(o, sitesWithExternal(exts[i]).length, `site ${exts[i]}`));
  return outcomes;
}

/** Creates one site "No key" under `ext` with no Idempotency-Key, so a lost answer cannot be safely resent. */
const createSiteWithoutKey = (c: Client, ext: string) =>
  attempt(
    c.request(
      "POST",
      "/partner/v1/dealers/{dealerId}/sites",
      { params: { path: { dealerId: DEALER } }, body: { external_site_id: ext, name: "No key", timezone: "UTC" } },
      { idempotencyKey: null },
    ),
  );

/** Like `createSites` for contacts on the contacts' site (`extra` in every body); the outcomes and the ids. */
async function createContacts(c: Client, prefix: string, n: number, extra: { phone_number?: string } = {}) {
  const exts = Array.from({ length: n }, () => `${prefix}-${randomUUID()}`);
  const outcomes = await Promise.all(
    exts.map((ext, i) =>
      attempt(
        c.request("POST", "/partner/v1/dealers/{dealerId}/sites/{siteId}/contacts", {
          params: { path: { dealerId: DEALER, siteId: siteForContacts } },
          body: { external_contact_id: ext, first_name: prefix, last_name: `Contact ${i}`, ...extra },
        }),
      ),
    ),
  );
  outcomes.forEach((o, i) => expectHonest(o, contactsWithExternal(exts[i]).length, `contact ${exts[i]}`));
  return { outcomes, exts };
}

function tally(outcomes: Outcome[]) {
  const failed = outcomes.filter((o): o is { ok: false; error: ChektError } => !o.ok);
  return { ok: outcomes.length - failed.length, failed: failed.length, kinds: failed.map((f) => f.error.kind) };
}

/**
 * A pass-through proxy in front of the simulator that can lose the answer of a write AFTER
 * CHeKT applied it — by dropping the connection or by holding the answer past the client's
 * timeout. The simulator's own faults strike before it applies anything; this is the other case,
 * the one idempotency keys exist for.
 */
class LossyProxy {
  server!: Server;
  url = "";
  /** Share of writes (0..1) whose answer is lost, and how. */
  loseShare = 0;
  loseNext = 0;
  mode: "drop" | "hold" = "drop";
  lost = 0;

  async start(target: string) {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", async () => {
        const headers = Object.fromEntries(
          Object.entries(req.headers).filter(([k]) => !["host", "connection", "content-length"].includes(k)),
        ) as Record<string, string>;
        const upstream = await fetch(`${target}${req.url}`, {
          method: req.method,
          headers,
          body: chunks.length ? Buffer.concat(chunks) : undefined,
        });
        const body = Buffer.from(await upstream.arrayBuffer());
        const write = req.method !== "GET" && req.url !== "/oauth/token";
        if (write && upstream.status < 300 && (this.loseNext > 0 || Math.random() < this.loseShare)) {
          this.loseNext = Math.max(0, this.loseNext - 1);
          this.lost += 1;
          if (this.mode === "drop") return void res.socket?.destroy();
          await new Promise((r) => setTimeout(r, 2_000));
        }
        const out: Record<string, string> = {};
        upstream.headers.forEach((v, k) => {
          if (!["content-length", "content-encoding", "transfer-encoding", "connection", "keep-alive"].includes(k))
            out[k] = v;
        });
        if (!res.destroyed) {
          res.writeHead(upstream.status, { ...out, "content-length": String(body.length) });
          res.end(body);
        }
      });
    });
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  reset() {
    this.loseShare = 0;
    this.loseNext = 0;
    this.mode = "drop";
    this.lost = 0;
  }

  close() {
    this.server.closeAllConnections();
    return new Promise<void>((r) => this.server.close(() => r()));
  }
}
const proxy = new LossyProxy();

let siteForContacts = 0;

beforeAll(async () => {
  sim = await startSimulator({
    port: 0,
    seed: "demo",
    config: { rateLimitPerMin: 1_000_000, rateLimitBurstPerS: 100_000 },
  });
  siteForContacts = [...sim.state.sites.values()].find((s) => s.dealer_id === DEALER)!.site_id;
  await proxy.start(sim.url);
});
afterAll(async () => {
  await proxy.close();
  await sim?.close();
});
beforeEach(async () => {
  proxy.reset();
  await clearSimFaults(sim.url);
});

describe("site and contact writes under faults", () => {
  /** The storm of the first two tests: 30 % 429, 10 % 5xx and 10 % dropped connections. */
  const storm = { rate_429: 0.3, rate_5xx: 0.1, drop_rate: 0.1 };

  it("site creates in a 429 storm with 10 % 5xx and 10 % dropped connections land exactly once", async () => {
    await simFault(sim.url, { ...SITE_CREATES, ...storm, status_5xx: 500 });
    const c = client();
    const t = tally(await createSites(c, "fault-site", 30));
    console.log(
      `[faults] 30 site creates, 30 % 429 + 10 % 500 + 10 % drops: ` +
        `${t.ok} landed, ${t.failed} failed (${t.kinds.join(", ") || "none"}); ` +
        `${c.stats().requests} requests, ${c.stats().retries} retries`,
    );
    // With retries within a 30 s deadline nearly all land; the invariant above is what matters.
    expect(t.ok).toBeGreaterThanOrEqual(27);
  });

  it("contact creates and edits under the same storm land exactly once and end in the intended state", async () => {
    await simFault(sim.url, { path: "/partner/v1/dealers/*/sites/*/contacts**", ...storm, status_5xx: 503 });
    const c = client();
    const { outcomes: created, exts } = await createContacts(c, "fault-contact", 20, { phone_number: "+15555550100" });

    // Edit every contact that exists; a failed edit must leave the old value when it says so.
    const existing = exts.map((ext) => contactsWithExternal(ext)[0]).filter(Boolean);
    const edits = await Promise.all(
      existing.map((contact) =>
        attempt(
          c.request("PUT", "/partner/v1/dealers/{dealerId}/sites/{siteId}/contacts/{contactId}", {
            params: { path: { dealerId: DEALER, siteId: siteForContacts, contactId: contact.contact_id } },
            body: { last_name: `Edited ${contact.contact_id}` },
          }),
        ),
      ),
    );
    edits.forEach((o, i) => {
      const now = sim.state.contacts.get(existing[i].contact_id)!;
      const applied = now.last_name === `Edited ${existing[i].contact_id}` ? 1 : 0;
      expectHonest(o, applied, `edit of contact ${existing[i].contact_id}`);
    });
    const t1 = tally(created);
    const t2 = tally(edits);
    console.log(
      `[faults] 20 contact creates: ${t1.ok} landed, ${t1.failed} failed (${t1.kinds.join(", ") || "none"}); ` +
        `${existing.length} edits: ${t2.ok} landed, ${t2.failed} failed (${t2.kinds.join(", ") || "none"}); ` +
        `${c.stats().requests} requests`,
    );
    expect(t1.ok + t2.ok).toBeGreaterThanOrEqual(36);
  });

  it("writes whose answer is lost after CHeKT applied them (dropped, timed out) are resent and land once", async () => {
    // On top of the simulator's own 429s and 5xx on the same paths.
    const faults = { path: "/partner/v1/dealers/**", rate_429: 0.2, rate_5xx: 0.1, status_5xx: 500 };
    for (const method of ["POST", "PUT"]) await simFault(sim.url, { ...faults, method });
    proxy.loseShare = 0.3;
    // About 4 in 10 attempts fail here (10 % 500, then 30 % of the answers lost): allow more tries.
    const c = client({ baseUrl: proxy.url, timeoutMs: 1_500, maxAttempts: 8 });
    const sites = await createSites(c, "lost-site", 20);
    const { outcomes: contacts } = await createContacts(c, "lost-contact", 20);

    // Held answers: CHeKT applied the write, our 1.5 s timeout fired, the resend is replayed.
    proxy.mode = "hold";
    proxy.loseShare = 0;
    // Each one alone, so that its answer is the one held; createSites checks it landed once when it says so.
    for (let i = 0; i < 3; i++) {
      proxy.loseNext = 1;
      const [held] = await createSites(c, "held-site", 1);
      expect(held.ok).toBe(true);
    }
    const t1 = tally(sites);
    const t2 = tally(contacts);
    console.log(
      `[faults] answers lost after applying (${proxy.lost} lost) + 20 % 429 + 10 % 500: ` +
        `sites ${t1.ok}/20 landed once (${t1.kinds.join(", ") || "no failures"}), ` +
        `contacts ${t2.ok}/20 (${t2.kinds.join(", ") || "no failures"}), ` +
        `3/3 held answers replayed; ${c.stats().requests} requests`,
    );
    expect(proxy.lost).toBeGreaterThan(3);
    expect(t1.ok + t2.ok).toBeGreaterThanOrEqual(36);
  });

  it("without an idempotency key a lost answer is not resent, and the error says it may have been saved", async () => {
    const c = client({ baseUrl: proxy.url, timeoutMs: 1_500 });
    for (const mode of ["drop", "hold"] as const) {
      proxy.mode = mode;
      proxy.loseNext = 1;
      const ext = `no-key-${mode}-${randomUUID()}`;
      const o = await createSiteWithoutKey(c, ext);
      expect(o.ok).toBe(false);
      const e = (o as { error: ChektError }).error;
      expect(e.kind).toBe(mode === "drop" ? "network" : "timeout");
      expect(e.attempts).toBe(1);
      expect(e.mayHaveApplied).toBe(true);
      expect(e.toActionFailure().message).toMatch(UNSURE);
      // It did land, once: "may have been saved" was the honest answer.
      expect(sitesWithExternal(ext)).toHaveLength(1);
    }
    // And when the simulator never got to apply it (2 s delay, we hang up first), the same words
    // are still true, and nothing landed twice.
    await simFault(sim.url, { ...SITE_CREATES, delay_ms: 2_000, count: 1 });
    const ext = `no-key-slow-${randomUUID()}`;
    // Nothing landing twice is the client sending it once: counted as sent, with no wait for the delay to end.
    let posts = 0;
    const counting = client({
      timeoutMs: 1_500,
      fetch: (input, init) => {
        const url = input instanceof Request ? input.url : String(input);
        if ((input instanceof Request ? input.method : init?.method) === "POST" && url.endsWith("/sites")) posts += 1;
        return fetch(input, init);
      },
    });
    const o = await createSiteWithoutKey(counting, ext);
    expect(o.ok).toBe(false);
    expect((o as { error: ChektError }).error.toActionFailure().message).toBe(
      "CHeKT did not answer in time; the change may or may not have been saved — refresh to check before trying again.",
    );
    expect(posts).toBe(1);
    expect(sitesWithExternal(ext)).toHaveLength(0);
  });

  it("2 s delays on every call: edits wait them out when the timeout allows, and all land", async () => {
    await simFault(sim.url, { ...SITE_EDITS, delay_ms: 2_000 });
    // Each PUT's send and answer, in the order they happen: an order a loaded machine cannot bend, as
    // it can stretch a wall-time limit.
    const puts: ("sent" | "answered")[] = [];
    const c = client({
      timeoutMs: 4_000,
      fetch: async (input, init) => {
        const isPut = (input instanceof Request ? input.method : init?.method) === "PUT";
        if (isPut) puts.push("sent");
        try {
          return await fetch(input, init);
        } finally {
          if (isPut) puts.push("answered");
        }
      },
    });
    const sites = [...sim.state.sites.values()].filter((s) => s.dealer_id === DEALER).slice(0, 5);
    const outcomes = await Promise.all(
      sites.map((s) =>
        attempt(
          c.request("PUT", "/partner/v1/dealers/{dealerId}/sites/{siteId}", {
            params: { path: { dealerId: DEALER, siteId: s.site_id } },
            body: { address2: `Slow edit ${s.site_id}` },
          }),
        ),
      ),
    );
    outcomes.forEach((o, i) =>
      expectHonest(
        o,
        sim.state.sites.get(sites[i].site_id)!.address2 === `Slow edit ${sites[i].site_id}` ? 1 : 0,
        `edit of site ${sites[i].site_id}`,
      ),
    );
    expect(tally(outcomes).ok).toBe(5);
    // In parallel, one 2 s delay each: all five were sent before the first answer came, and none again.
    expect(puts).toEqual([...Array(5).fill("sent"), ...Array(5).fill("answered")]);
  });

  it("when faults outlast the deadline, every failure says what happened and nothing lands twice", async () => {
    // Counted, not random: the first four PUTs answer 500, the next four are dropped. Six edits of at most
    // two tries each make at most twelve PUTs, so eight faults leave at least two edits without a good try.
    await simFault(sim.url, { ...SITE_EDITS, rate_5xx: 1, status_5xx: 500, count: 4 });
    await simFault(sim.url, { ...SITE_EDITS, drop_rate: 1, count: 4 });
    const c = client({ deadlineMs: 1_500, maxAttempts: 2 });
    const sites = [...sim.state.sites.values()].filter((s) => s.dealer_id === DEALER).slice(0, 6);
    const before = new Map(sites.map((s) => [s.site_id, s.account_number]));
    const outcomes = await Promise.all(
      sites.map((s) =>
        attempt(
          c.request("PUT", "/partner/v1/dealers/{dealerId}/sites/{siteId}", {
            params: { path: { dealerId: DEALER, siteId: s.site_id } },
            body: { account_number: `ACC-${s.site_id}` },
          }),
        ),
      ),
    );
    outcomes.forEach((o, i) => {
      const now = sim.state.sites.get(sites[i].site_id)!.account_number;
      expectHonest(o, now === `ACC-${sites[i].site_id}` ? 1 : 0, `edit of site ${sites[i].site_id}`);
      if (!o.ok) {
        // Injected faults strike before CHeKT applies anything, so the old value is still there.
        expect(now).toBe(before.get(sites[i].site_id));
        expect(["server", "network"]).toContain(o.error.kind);
      }
    });
    expect(tally(outcomes).failed).toBeGreaterThanOrEqual(2);
  });
});
