// The tenancy matrix: every server action (globbed from actions/*.ts, so new ones must be
// listed here) and every dealer-scoped route handler, called by an admin of dealer A with the id of
// one of dealer B's objects: B's sites, contacts, devices and stations in the real simulator, and
// B's verification, alarm, snapshot, webhook event, bulk job, mapping, user and audit rows in
// Postgres. Each call must answer "not found" (404), leave a refusal audit row, and change nothing
// of B's — in Postgres or in CHeKT.
//
// Pages and the routes' refusal audit rows: tenancy-pages.test.ts.
//
// Mocked: only the session source, the request cookies and Next's cache invalidation (as in
// role-matrix.test.ts). The action client, Postgres and the simulator over HTTP are real.
import "../support/console-mocks";
import "../support/auth-mocks";
import { createHash } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { RunningSimulator } from "@/simulator/server";
import { seedOpenAlarmWithSnapshot } from "../support/desk-snapshot";
import { closeTenancyWorld, startTenancyWorld, type TenancyWorld } from "../support/tenancy-world";
import { session } from "../support/session";
import { cookieJar as jar } from "../support/next-headers";
import { callAction, exportedActions, type FoundAction } from "../support/action-registry";

vi.mock("next-safe-action", async (importOriginal) =>
  (await import("../support/action-registry")).recordingSafeAction(importOriginal),
);
type U = { id: string; email: string; name: string; role: "viewer" | "operator" | "admin" };

const ALICE: U = { id: "tm-alice", email: "alice@dealer-a.test", name: "Alice (A admin)", role: "admin" };
const BOB: U = { id: "tm-bob", email: "bob@dealer-b.test", name: "Bob (B admin)", role: "admin" };
const BERT: U = { id: "tm-bert", email: "bert@dealer-b.test", name: "Bert (B operator)", role: "operator" };

let world: TenancyWorld | undefined;
let sim: RunningSimulator;
let sql: pg.Client;
const A = { id: "", chekt: 1 };
const B = { id: "", chekt: 2 };
/** Dealer B's objects, by kind. */
const b = { site: 0, contact: 0, device: 0, station: 0, mapping: "", job: "", item: "" };

let actions: FoundAction[] = [];

/**
 * For each action: an input naming one of B's objects, or why it names none (it works on the
 * caller's own dealer or account only, which the other tests cover).
 */
function inputs(): Record<string, unknown | { none: string }> {
  return {
    "sites.update": { site_id: b.site, name: "Hijacked by A" },
    "sites.activation": { site_id: b.site, is_activated: 0 },
    "sites.delete": { site_id: b.site },
    "sites.create": { none: "creates in the caller's dealer" },
    "contacts.create": { site_id: b.site, external_contact_id: "tm-evil", first_name: "Eve", last_name: "A" },
    "contacts.update": { site_id: b.site, contact_id: b.contact, first_name: "Hijacked" },
    "contacts.delete": { site_id: b.site, contact_id: b.contact },
    "stations.create": { none: "creates in the caller's dealer" },
    "stations.update": { monitoring_station_id: b.station, name: "Hijacked station" },
    "stations.delete": { monitoring_station_id: b.station },
    "arming.update": { site_id: b.site, security_type: 1 },
    "devices.add": { siteId: b.site, external_device_id: "tm-evil-dev", device_type: "camera", name: "Evil cam" },
    "devices.bulk.create": {
      siteId: b.site,
      rows: [{ line: 2, values: { external_device_id: "tm-evil-1", device_type: "camera", name: "Evil 1" } }],
    },
    "devices.bulk.update": {
      siteId: b.site,
      rows: [{ line: 2, values: { external_device_id: `seed-dev-${b.device}`, name: "Hijacked" } }],
    },
    "devices.bulk.delete": { siteId: b.site, deviceIds: [b.device] },
    "devices.bulk.retry": { jobId: b.job, items: [{ itemId: b.item }] },
    "devices.held_elsewhere": { siteId: b.site, externalIds: [`seed-dev-${b.device}`] },
    "sites.import": { none: "imports into the caller's dealer" },
    "sites.import.retry": { jobId: b.job, items: [{ itemId: b.item }] },
    "sites.import.pattern": { none: "the caller's current dealer's ID pattern (no dealer in the input)" },
    // The desk's actions name the dealer their page was drawn for (dealer: "named"): A's, the caller's own.
    "verifications.claim": { id: "ver_b", dealerLinkId: A.id },
    "verifications.takeover": { id: "ver_b", dealerLinkId: A.id },
    "verifications.release": { id: "ver_b", dealerLinkId: A.id },
    "verifications.check": { id: "ver_b", dealerLinkId: A.id },
    "verifications.answer": {
      id: "ver_b",
      dealerLinkId: A.id,
      action: "dispatch",
      contactId: 1,
      outcomeId: "00000000-0000-4000-8000-000000000001",
      checkedSteps: [],
    },
    "verifications.directions": { siteId: b.site, text: "Hijacked directions", dealerLinkId: A.id },
    "verifications.note": { id: "ver_b", text: "A note from dealer A", dealerLinkId: A.id },
    "verifications.outcomes": { none: "the caller's current dealer's outcome codes (no dealer in the input)" },
    "verifications.checklist": { siteId: b.site, mode: "own", steps: [] },
    "verifications.escalation_settings": {
      none: "the caller's current dealer's escalation settings (no dealer in the input)",
    },
    "webhooks.reapply": { eventId: "evt_b" },
    "users.set_role": { userId: BERT.id, role: "viewer" },
    "users.set_disabled": { userId: BERT.id, disabled: true },
    "users.reset_password": { userId: BERT.id },
    "users.remove_membership": { userId: BERT.id },
    "users.create": {
      none: "adds to the caller's dealer; an existing email of B is a conflict (tested in admin-actions)",
    },
    "drift.check": { dealerLinkId: B.id },
    "drift.link": { dealerLinkId: B.id, kind: "site", chektId: b.site },
    "drift.link_all": { dealerLinkId: B.id },
    // Named A (her own dealer, dealer: "named"): B's mapping is looked up in A only.
    "drift.relink": { dealerLinkId: A.id, mappingId: b.mapping, chektId: b.site },
    "drift.forget": { dealerLinkId: A.id, mappingId: b.mapping },
    "settings.check_connection": { dealerLinkId: B.id },
    "settings.check_env_connection": { none: "organisation-level: the environment's credentials, no dealer" },
    "settings.set_dealer_secrets": {
      dealerLinkId: B.id,
      webhookSecret: "whsec_hijacked_by_dealer_a_000000",
      apiKey: "",
    },
    "settings.send_test_event": { dealerLinkId: B.id },
    "settings.list_app_devices": { dealerLinkId: B.id, limit: 10 },
    "settings.fleet": { none: "the caller's current dealer's fleet settings (no dealer in the input)" },
    "dealer.switch": { dealerLinkId: B.id },
    "dealer.update": { none: "edits the caller's current dealer" },
    "dealer.disconnect": { none: "disconnects the caller's current dealer (by its name)" },
    "dealer.connect.start": {
      none: "organisation-level: starts connecting a new dealer; an ID B holds is refused without naming B",
    },
    "account.change_password": { none: "the caller's own account" },
    "account.two_factor_disable": { none: "the caller's own account" },
    "account.recovery_codes": { none: "the caller's own account" },
    "dealer.require_two_factor": { dealerLinkId: B.id, required: true },
  };
}

/** Every row of B's (and B's people) in Postgres, hashed per table. */
async function bRows(): Promise<Record<string, string>> {
  const tables = await sql.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.columns WHERE table_schema = 'public'
      AND column_name = 'dealer_link_id' AND table_name <> 'audit_log' ORDER BY 1`,
  );
  const out: Record<string, string> = {};
  for (const { table_name } of tables.rows) {
    const r = await sql.query<{ h: string | null; n: string }>(
      `SELECT count(*)::text AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS h FROM "${table_name}" t
        WHERE dealer_link_id = $1`,
      [B.id],
    );
    out[table_name] = `${r.rows[0].n}:${r.rows[0].h ?? ""}`;
  }
  const people = await sql.query<{ h: string | null }>(
    `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS h FROM users t WHERE id = ANY($1)`,
    [[BOB.id, BERT.id]],
  );
  out.users_of_b = people.rows[0].h ?? "";
  const link = await sql.query<{ h: string }>(`SELECT md5(t::text) AS h FROM dealer_links t WHERE id = $1`, [B.id]);
  out.dealer_link_b = link.rows[0].h;
  return out;
}

/** Dealer 2's world in the simulator: its profile, stations, sites, contacts, devices and arming. */
function bChekt(): string {
  const st = sim.state;
  const sites = [...st.sites.values()].filter((s) => s.dealer_id === B.chekt);
  const siteIds = new Set(sites.map((s) => s.site_id));
  const world = {
    dealer: st.dealers.get(B.chekt),
    stations: [...st.stations.values()].filter((s) => s.dealer_id === B.chekt),
    sites,
    contacts: [...st.contacts.values()].filter((c) => siteIds.has(c.site_id)),
    devices: [...st.devices.values()].filter((d) => siteIds.has(d.site_id)),
  };
  return createHash("sha256").update(JSON.stringify(world)).digest("hex");
}

const lastAuditId = async () =>
  (await sql.query<{ id: string }>(`SELECT coalesce(max(id), 0)::text AS id FROM audit_log`)).rows[0].id;
const auditSince = async (id: string) =>
  (
    await sql.query<{
      action: string;
      outcome: string;
      error: string | null;
      user_email: string | null;
      trace_id: string | null;
    }>(`SELECT action, outcome, error, user_email, trace_id FROM audit_log WHERE id > $1 ORDER BY id`, [id])
  ).rows;

const ROOT = path.resolve(__dirname, "../..");

beforeAll(async () => {
  world = await startTenancyWorld("chekt_tenancy_matrix", { a: [ALICE], b: [BOB, BERT] });
  ({ sim, sql } = world);
  const { prisma } = world;
  A.id = world.a;
  B.id = world.b;

  // B's objects in CHeKT (the simulator's demo world for dealer 2).
  const site = [...sim.state.sites.values()].find((s) => s.dealer_id === B.chekt)!;
  b.site = site.site_id;
  b.contact = [...sim.state.contacts.values()].find((c) => c.site_id === b.site)!.contact_id;
  b.device = [...sim.state.devices.values()].find((d) => d.site_id === b.site)!.device_id;
  b.station = [...sim.state.stations.values()].find((s) => s.dealer_id === B.chekt)!.monitoring_station_id;

  // B's rows in Postgres.
  const now = new Date();
  await seedOpenAlarmWithSnapshot(prisma, "b", { dealerLinkId: B.id, siteId: b.site, simUrl: sim.url, now });
  await prisma.webhookEvent.create({
    data: {
      id: "evt_b",
      dealerLinkId: B.id,
      type: "alarm.created",
      createdAt: now,
      payload: { id: "evt_b", type: "alarm.created", created_at: now.toISOString(), data: { alarm_id: "alm_b" } },
      applyStatus: "applied",
    },
  });
  b.mapping = (
    await prisma.externalIdMapping.create({
      data: {
        dealerLinkId: B.id,
        kind: "site",
        chektId: String(b.site),
        externalId: site.external_site_id ?? "b-site",
      },
    })
  ).id;
  const job = await prisma.bulkJob.create({
    data: { dealerLinkId: B.id, chektSiteId: b.site, kind: "create", state: "done", total: 1, failed: 1 },
  });
  b.job = job.id;
  b.item = (
    await prisma.bulkItem.create({
      data: {
        jobId: job.id,
        position: 0,
        payload: { external_device_id: "b-dev" },
        state: "failed",
        errorMessage: "duplicate",
      },
    })
  ).id;
  await prisma.auditLog.create({
    data: {
      action: "sites.update",
      objectKind: "site",
      chektId: String(b.site),
      dealerLinkId: B.id,
      outcome: "success",
      userEmail: BOB.email,
      after: { secret_note: "only for B" },
    },
  });

  ({ actions } = await exportedActions(ROOT));
}, 180_000);

afterAll(async () => {
  session.user = null;
  await closeTenancyWorld(world);
});

describe("tenancy matrix: a member of dealer A against each of dealer B's objects", () => {
  it("every action is in the matrix (an input naming B's object, or why it names none)", () => {
    expect(actions.length).toBeGreaterThan(20);
    const table = inputs();
    expect(actions.map((a) => a.meta.name).filter((n) => !(n in table))).toEqual([]);
  });

  it("an action naming B's object: not found, a refusal row, nothing of B's changed in Postgres or CHeKT", async () => {
    const table = inputs();
    const problems: string[] = [];
    session.user = ALICE;
    let checked = 0;
    for (const { id, fn, meta } of actions) {
      const input = table[meta.name];
      if (!input || (typeof input === "object" && "none" in (input as object))) continue;
      jar.set("dealer_link", A.id);
      const rowsBefore = await bRows();
      const chektBefore = bChekt();
      const from = await lastAuditId();
      const called = await callAction(fn, input);
      if (called.threw !== undefined) {
        problems.push(`${id}: threw ${called.threw}`);
        continue;
      }
      const { result } = called;
      checked++;
      const code = result?.serverError?.code;
      const validation = result?.validationErrors && `validation ${JSON.stringify(result.validationErrors)}`;
      if (code !== "not_found")
        problems.push(
          `${id} (${meta.name}): ${code ?? validation ?? "succeeded"} instead of not_found — ` +
            (result?.serverError?.message ?? ""),
        );
      const rowsAfter = await bRows();
      const changed = Object.keys(rowsAfter).filter((t) => rowsAfter[t] !== rowsBefore[t]);
      if (changed.length) problems.push(`${id}: changed B's ${changed.join(", ")}`);
      if (bChekt() !== chektBefore) problems.push(`${id}: changed dealer ${B.chekt}'s objects in CHeKT`);
      const audit = await auditSince(from);
      if (
        !audit.some(
          (r) => r.action === meta.name && r.outcome === "refused" && r.user_email === ALICE.email && r.trace_id,
        )
      ) {
        problems.push(
          `${id}: no refusal audit row (got ${JSON.stringify(audit.map((r) => [r.action, r.outcome, r.error]))})`,
        );
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(25);
  }, 300_000);

  it("dealer B chosen by cookie gives A's member nothing of B's: they stay on A, the attempt is audited", async () => {
    session.user = ALICE;
    jar.set("dealer_link", B.id);
    const { getCurrentDealer } = await import("@/lib/dealer");
    expect((await getCurrentDealer())?.id).toBe(A.id);
    const rows = await sql.query(
      `SELECT outcome, error FROM audit_log WHERE action = 'dealer.scope' AND user_email = $1 ORDER BY id DESC LIMIT 1`,
      [ALICE.email],
    );
    expect(rows.rows).toEqual([{ outcome: "refused", error: `${ALICE.email} is not a member of Northwind Alarms` }]);
    jar.set("dealer_link", A.id);
  });

  it("each dealer-scoped route answers 404 for B's object and leaks none of B's rows", async () => {
    session.user = ALICE;
    jar.set("dealer_link", A.id);
    const call = async (
      route: string,
      params: Record<string, string>,
      method = "GET",
      url = "http://console.test/",
    ) => {
      const mod = (await import(pathToFileURL(path.join(ROOT, "app/api", route, "route.ts")).href)) as Record<
        string,
        (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>
      >;
      return mod[method](new Request(url, { method }), { params: Promise.resolve(params) });
    };
    const before = await bRows();
    expect((await call("snapshots/[id]", { id: "snap_b" })).status).toBe(404);
    expect((await call("snapshots/[id]", { id: "alarm:alm_b" })).status).toBe(404);
    expect((await call("bulk-jobs/[jobId]", { jobId: b.job })).status).toBe(404);
    expect((await call("live/sites/[siteId]/contacts", { siteId: String(b.site) })).status).toBe(404);
    expect((await call("live/verifications/[id]/detail", { id: "ver_b" })).status).toBe(404);
    expect((await call("live/verifications/[id]/lease", { id: "ver_b" }, "POST")).status).toBe(404);
    const list = await call("live/verifications/list", {});
    expect(JSON.stringify(await list.json())).not.toContain("ver_b");
    const csv = await (await call("audit/export", {}, "GET", "http://console.test/api/audit/export")).text();
    expect(csv).not.toContain("only for B");
    const report = await call("verifications/report", {}, "GET", "http://console.test/api/verifications/report");
    expect(report.status).toBe(200);
    // A has no verification; B's pending ver_b must not count in A's outcomes row.
    expect((await report.text()).split("\r\n")[4]).toBe("0,0,0,0,0,0");
    // Column 9 is dealer_link_id: A's own refusal rows may quote the id A sent, but no row is B's.
    expect(
      csv
        .trimEnd()
        .split("\r\n")
        .slice(1)
        .map((l) => l.split(",")[8])
        .filter((d) => d === B.id),
    ).toEqual([]);
    expect(await bRows()).toEqual(before);
  });

  it("the users page and the webhook log of A list none of B's people or events", async () => {
    const { listUsers } = await import("@/lib/users/service");
    expect((await listUsers(A.id)).map((u) => u.email)).toEqual([ALICE.email]);
    const { webhookLogPage } = await import("@/lib/settings/webhook-log");
    await sql.query(
      `INSERT INTO webhook_deliveries (dealer_key, dealer_link_id, event_id, event_type, verdict, body_bytes)
        VALUES ('northwind-alarms', $1, 'evt_b', 'alarm.created', 'accepted', 10)`,
      [B.id],
    );
    expect((await webhookLogPage({ page: 1 }, A.id)).rows).toEqual([]);
    expect((await webhookLogPage({ page: 1 }, B.id)).rows.map((r) => r.eventId)).toEqual(["evt_b"]);
  });
});
