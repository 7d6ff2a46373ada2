// The connection check's raw probes (lib/chekt/api/diagnostics.ts) spend the credential's shared
// budget like every other CHeKT call: a token is taken before sending, the answer's X-RateLimit-*
// corrects the budget, a 429 holds the credential, and a probe the budget cannot serve within a
// second is not sent and says so. Against a scripted node:http server that counts what arrives,
// then once through checkConnection against the real simulator with the budget kept in Postgres.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CallBudget, credentialKey } from "@/lib/chekt/budget";
import type { RunningSimulator } from "@/simulator/server";
import { DEMO } from "@/simulator/seed";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { startTestSimulator } from "../support/simulator";

let server: Server;
let url: string;
let arrived = 0;
// What the next answer is: 200 with a rate-limit header set, or 429 with Retry-After.
let next: { status: number; headers: Record<string, string> } = { status: 200, headers: {} };
let db: TestDatabase;
let sim: RunningSimulator;
let diagnostics: typeof import("@/lib/chekt/api/diagnostics");
let connection: typeof import("@/lib/settings/connection-check");
let prisma: typeof import("@/lib/db").prisma;

beforeAll(async () => {
  server = createServer((_req, res) => {
    arrived += 1;
    res.writeHead(next.status, { "content-type": "application/json", ...next.headers });
    res.end(next.status === 200 ? '{"data":[]}' : '{"error":{"code":"rate_limited","message":"slow down"}}');
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  db = await createTestDatabase("chekt_diagnostics");
  process.env.DATABASE_URL = db.url;
  ({ prisma } = await import("@/lib/db"));
  diagnostics = await import("@/lib/chekt/api/diagnostics");
  connection = await import("@/lib/settings/connection-check");
  sim = await startTestSimulator({ config: { rateLimitBurstPerS: 20, rateLimitPerMin: 600 } });
});

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await sim?.close();
  await prisma?.$disconnect();
  await db?.drop();
});

const req = (apiKey: string) => ({
  baseUrl: url,
  method: "GET" as const,
  path: "/v1/devices?limit=1",
  headers: { authorization: `Bearer ${apiKey}` },
  timeoutMs: 3000,
  credential: { type: "api_key" as const, apiKey },
});

describe("connection-check probes on the shared budget", () => {
  it("takes a read token, and learns what is left from the answer", async () => {
    const budget = new CallBudget("probe-a", { limits: { perMin: 60, burst: 5 } });
    next = {
      status: 200,
      headers: { "x-ratelimit-limit": "60", "x-ratelimit-remaining": "0", "x-ratelimit-reset": "30" },
    };
    const before = arrived;
    const a = await diagnostics.probeChekt(req("k-a"), budget);
    expect(a).toMatchObject({ kind: "http", status: 200, rateLimitRemaining: 0 });
    expect(arrived - before).toBe(1);
    const view = await budget.view(0);
    expect(view.usage.filter((u) => u.budgetClass === "read").reduce((n, u) => n + u.calls, 0)).toBe(1);
    // CHeKT said 0 left until its reset in 30 s: the next probe is not sent, and says how long.
    const b = await diagnostics.probeChekt(req("k-a"), budget);
    expect(b).toMatchObject({ kind: "budget" });
    expect(b.kind === "budget" && b.waitMs).toBeGreaterThan(diagnostics.PROBE_BUDGET_WAIT_MS);
    expect(arrived - before).toBe(1);
  });

  it("a 429 holds the credential until Retry-After, for every later probe", async () => {
    const budget = new CallBudget("probe-b", { limits: { perMin: 60, burst: 5 } });
    next = { status: 429, headers: { "retry-after": "20" } };
    const before = arrived;
    const a = await diagnostics.probeChekt(req("k-b"), budget);
    expect(a).toMatchObject({ kind: "http", status: 429, retryAfterS: 20 });
    next = { status: 200, headers: {} };
    expect(await diagnostics.probeChekt(req("k-b"), budget)).toMatchObject({ kind: "budget" });
    expect(arrived - before).toBe(1);
    expect((await budget.view(0)).blockedForMs).toBeGreaterThan(15_000);
  });

  // The gateway's rule (rateLimitWaitMs) read at the moment the test sends; the probe reads it a moment later.
  it.each([
    [
      "limit",
      "no Retry-After: one token's refill at X-RateLimit-Limit, never until the reset",
      (now: number) => ({ "x-ratelimit-limit": "2", "x-ratelimit-reset": String(Math.ceil(now / 1000) + 90) }),
    ],
    [
      "date",
      "Retry-After as an HTTP date: until that date",
      (now: number) => ({ "retry-after": new Date(now + 25_000).toUTCString() }),
    ],
  ])("a 429 with %s holds the credential as long as the gateway would (%s)", async (key, _, headersAt) => {
    const budget = new CallBudget(`probe-${key}`, { limits: { perMin: 60, burst: 5 } });
    const now = Date.now();
    next = { status: 429, headers: headersAt(now) };
    const { rateLimitWaitMs } = await import("@/lib/chekt/errors");
    const gateway = rateLimitWaitMs(new Headers(next.headers), now);
    expect(gateway).toBeGreaterThan(23_000);
    const a = await diagnostics.probeChekt(req(`k-${key}`), budget);
    if (a.kind !== "http") throw new Error(`expected an answer, got ${a.kind}`);
    expect(a.status).toBe(429);
    // The check names the wait the gateway's errors carry (retryAfterFor), without a Retry-After too.
    expect(Math.abs(a.retryAfterS! - gateway / 1000)).toBeLessThanOrEqual(1);
    // Whole seconds of an HTTP date may round up by less than one.
    const blocked = (await budget.view(0)).blockedForMs;
    expect(blocked).toBeGreaterThan(gateway - 2_000);
    expect(blocked).toBeLessThanOrEqual(gateway + 1_000);
    next = { status: 200, headers: {} };
    expect(await diagnostics.probeChekt(req(`k-${key}`), budget)).toMatchObject({ kind: "budget" });
  });

  it("the check reports a probe the budget held as rate limited, with the wait, and sends nothing", async () => {
    next = { status: 429, headers: { "retry-after": "20" } };
    const before = arrived;
    // The app's budget for this key (in Postgres): the first probe meets CHeKT's 429, which holds
    // the key, so the check stops there (a rate limit fails every probe alike).
    const r = await connection.checkConnection({ baseUrl: url, apiKey: "k-check", timeoutMs: 3000 });
    expect(arrived - before).toBe(1);
    const first = r.app[0];
    expect(first && "diagnosis" in first && first.diagnosis).toMatchObject({ bucket: "rate_limited", status: 429 });
    // A second check within Retry-After is held by the shared budget: not sent, and it says so.
    const again = await connection.checkConnection({ baseUrl: url, apiKey: "k-check", timeoutMs: 3000 });
    expect(arrived - before).toBe(1);
    const held = again.app[0];
    expect(held && "diagnosis" in held && held.diagnosis).toMatchObject({
      bucket: "rate_limited",
      title: "Rate limited",
    });
    expect(held && "diagnosis" in held && held.diagnosis.detail).toMatch(
      /was not sent: this credential's shared CHeKT budget .* no call free for \d+ s/,
    );
    expect(again.summary.ok).toBe(false);
  });

  it("against the simulator, the check spends the shared budget rows of the partner and of the key", async () => {
    const r = await connection.checkConnection({
      baseUrl: sim.url,
      clientId: DEMO.partner.clientId,
      clientSecret: DEMO.partner.clientSecret,
      chektDealerId: DEMO.dealers.acme.id,
      apiKey: DEMO.app.apiKey,
      timeoutMs: 5000,
    });
    expect(r.summary.ok).toBe(true);
    const rows = await prisma.chektBudget.findMany({
      where: {
        credential: {
          in: [
            credentialKey({ type: "client_secret", clientId: DEMO.partner.clientId }),
            credentialKey({ type: "api_key", apiKey: DEMO.app.apiKey }),
          ],
        },
      },
    });
    expect(rows).toHaveLength(2);
    // Corrected from the simulator's X-RateLimit-Limit (600 a minute), not left at the configured tier.
    expect(rows.every((row) => row.perMin === 600)).toBe(true);
  });
});
