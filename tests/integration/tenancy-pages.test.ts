// The tenancy matrix over pages and route handlers (tenancy-matrix.test.ts covers the actions):
// a member of dealer A opens each page and route whose URL names one of dealer B's objects — B's
// sites, contacts, stations and bulk jobs in the mirror (both dealers swept from the simulator),
// B's verification and snapshot in Postgres. Each answers 404 (403 where A's role is the reason)
// and leaves a refusal audit row naming A's member. A's list pages show A's rows and none of B's,
// even where B's rows carry the same CHeKT site id as A's.
//
// Page loaders are called the way Next calls them (the default export with its params), which is
// where a page decides 404 or 403; Next turns the thrown notFound()/forbidden() into the status.
// Mocked: only the session source, the request cookies/headers and Next's cache invalidation.
import "../support/console-mocks";
import "../support/auth-mocks";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { NextRequest } from "next/server";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "@/simulator/server";
import { seedOpenAlarmWithSnapshot } from "../support/desk-snapshot";
import { closeTenancyWorld, startTenancyWorld, type TenancyWorld } from "../support/tenancy-world";
import { session } from "../support/session";
import { cookieJar as jar, requestHeaders } from "../support/next-headers";
import { filesNamed } from "../support/files";
import { errorText } from "@/lib/error-text";

type U = { id: string; email: string; name: string; role: "viewer" | "operator" | "admin" };
const ALICE: U = { id: "tp-alice", email: "alice@dealer-a.test", name: "Alice (A admin)", role: "admin" };
const VERA: U = { id: "tp-vera", email: "vera@dealer-a.test", name: "Vera (A viewer)", role: "viewer" };
const BOB: U = { id: "tp-bob", email: "bob@dealer-b.test", name: "Bob (B admin)", role: "admin" };

const ROOT = path.resolve(__dirname, "../..");
const CONSOLE = path.join(ROOT, "app/(console)");

let world: TenancyWorld | undefined;
let sim: RunningSimulator;
let sql: pg.Client;
const A = { id: "", chekt: 1, site: 0, siteName: "", stationName: "", job: "" };
const B = {
  id: "",
  chekt: 2,
  site: 0,
  contact: 0,
  station: 0,
  job: "",
  jobOnASite: "",
  importJob: "",
  siteNames: [] as string[],
  stationNames: [] as string[],
};

/** The HTTP status Next gives a page that threw: notFound() → 404, forbidden() → 403. */
function statusOf(error: unknown): number | string {
  const digest = (error as { digest?: string }).digest ?? "";
  const m = /^NEXT_HTTP_ERROR_FALLBACK;(\d{3})$/.exec(digest);
  return m ? Number(m[1]) : `threw ${errorText(error)}`;
}

type PageFn = (props: {
  params: Promise<Record<string, string>>;
  searchParams: Promise<Record<string, string>>;
}) => Promise<unknown>;

async function page(route: string): Promise<PageFn> {
  const mod = (await import(pathToFileURL(path.join(CONSOLE, route, "page.tsx")).href)) as { default: PageFn };
  return mod.default;
}

/** An async server component (a page part that streams in behind <Suspense>); client components are never async. */
type Element = { $$typeof: symbol; type: unknown; props: Record<string, unknown> };
const isAsyncServerElement = (v: object): v is Element =>
  typeof (v as Element).$$typeof === "symbol" &&
  typeof (v as Element).type === "function" &&
  ((v as Element).type as () => unknown).constructor.name === "AsyncFunction";

/**
 * Every string and number in a rendered tree (element props, the rows handed to tables and client
 * components, and what async server components inside it render), each JSON-quoted, so a test can
 * ask whether a name reached the page at all.
 */
async function textOf(tree: unknown): Promise<string> {
  const out: string[] = [];
  const seen = new WeakSet<object>();
  const walk = async (v: unknown): Promise<void> => {
    if (typeof v === "string" || typeof v === "number") out.push(JSON.stringify(v));
    else if (v instanceof Date) out.push(JSON.stringify(v.toISOString()));
    else if (v && typeof v === "object" && !seen.has(v)) {
      seen.add(v);
      if (isAsyncServerElement(v)) await walk(await (v.type as (p: unknown) => Promise<unknown>)(v.props));
      for (const child of Object.values(v)) await walk(child);
    }
  };
  await walk(tree);
  return out.join("\n");
}

/** Opens a page as the signed-in test user: its status (200 when it rendered) and the rendered tree as JSON. */
async function open(route: string, params: Record<string, string>, search: Record<string, string> = {}) {
  const url = route.replace(/\[(\w+)\]/g, (_m, k: string) => params[k] ?? "");
  requestHeaders.current = new Headers({ "x-request-path": `/${url}` });
  try {
    const tree = await (await page(route))({ params: Promise.resolve(params), searchParams: Promise.resolve(search) });
    return { status: 200 as number | string, html: await textOf(tree) };
  } catch (error) {
    return { status: statusOf(error), html: "" };
  }
}

const lastAuditId = async () =>
  (await sql.query<{ id: string }>(`SELECT coalesce(max(id), 0)::text AS id FROM audit_log`)).rows[0].id;
type AuditRow = {
  action: string;
  object_kind: string;
  chekt_id: string | null;
  outcome: string;
  user_email: string | null;
  trace_id: string | null;
  dealer_link_id: string | null;
};
const auditSince = async (id: string) =>
  (
    await sql.query<AuditRow>(
      `SELECT action, object_kind, chekt_id, outcome, user_email, trace_id, dealer_link_id FROM audit_log
        WHERE id > $1 ORDER BY id`,
      [id],
    )
  ).rows;

beforeAll(async () => {
  process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true"; // next.config.ts sets authInterrupts for the app
  world = await startTenancyWorld("chekt_tenancy_pages", { a: [ALICE, VERA], b: [BOB] });
  ({ sim, sql } = world);
  const { prisma } = world;
  A.id = world.a;
  B.id = world.b;

  // Both dealers' worlds in the mirror, as the background sweep leaves them.
  const { sweepDealer } = await import("@/lib/mirror/sweep");
  const noSleep = async () => undefined;
  await sweepDealer({ dealerLinkId: A.id, dealerId: A.chekt }, { sleep: noSleep });
  await sweepDealer({ dealerLinkId: B.id, dealerId: B.chekt }, { sleep: noSleep });

  const aSite = await prisma.mirrorSite.findFirstOrThrow({
    where: { dealerLinkId: A.id, goneAt: null },
    orderBy: { chektId: "asc" },
  });
  A.site = aSite.chektId;
  A.siteName = aSite.name;
  A.stationName = (await prisma.mirrorStation.findFirstOrThrow({ where: { dealerLinkId: A.id } })).name;
  const bSites = await prisma.mirrorSite.findMany({ where: { dealerLinkId: B.id }, orderBy: { chektId: "asc" } });
  B.site = bSites[0].chektId;
  B.siteNames = bSites.map((s) => s.name);
  const bStations = await prisma.mirrorStation.findMany({ where: { dealerLinkId: B.id } });
  B.station = bStations[0].chektId;
  B.stationNames = bStations.map((s) => s.name);
  B.contact = [...sim.state.contacts.values()].find((c) => c.site_id === B.site)!.contact_id;
  expect(await prisma.mirrorContact.count({ where: { dealerLinkId: B.id, chektId: B.contact } })).toBe(1);
  // Names must tell the dealers apart, or "A's page shows none of B's names" could not fail.
  expect(B.siteNames.filter((n) => bSites.length && n === A.siteName)).toEqual([]);

  // Bulk jobs: B's on B's site, and one of B's under A's site's CHeKT id (a job list that forgot
  // the dealer and filtered by site number alone would show it to A).
  const now = new Date();
  B.job = (
    await prisma.bulkJob.create({
      data: { dealerLinkId: B.id, chektSiteId: B.site, kind: "create", state: "done", total: 1 },
    })
  ).id;
  B.jobOnASite = (
    await prisma.bulkJob.create({
      data: { dealerLinkId: B.id, chektSiteId: A.site, kind: "delete", state: "done", total: 7 },
    })
  ).id;
  B.importJob = (
    await prisma.bulkJob.create({
      data: { dealerLinkId: B.id, chektSiteId: 0, entity: "sites", kind: "create", state: "done", total: 2 },
    })
  ).id;
  A.job = (
    await prisma.bulkJob.create({
      data: { dealerLinkId: A.id, chektSiteId: A.site, kind: "update", state: "done", total: 3 },
    })
  ).id;

  // B's desk rows, and a resolved verification of each dealer (on A's site) for the history page.
  const resolved = (id: string, dealerLinkId: string, alarmId: string, state: "dispatched" | "disregarded") =>
    prisma.verification.create({
      data: { id, dealerLinkId, alarmId, siteId: A.site, state, occurredAt: now, expiresAt: now },
    });
  await seedOpenAlarmWithSnapshot(prisma, "tp_b", { dealerLinkId: B.id, siteId: B.site, simUrl: sim.url, now });
  await resolved("ver_tp_b_done", B.id, "alm_tp_b", "dispatched");
  await prisma.alarm.create({
    data: { id: "alm_tp_a", dealerLinkId: A.id, siteId: A.site, priority: "low", seenCreated: true, createdAt: now },
  });
  await resolved("ver_tp_a_done", A.id, "alm_tp_a", "disregarded");
  await prisma.auditLog.create({
    data: { action: "sites.update", objectKind: "site", dealerLinkId: B.id, outcome: "success", userEmail: BOB.email },
  });
  await prisma.auditLog.create({
    data: {
      action: "sites.update",
      objectKind: "site",
      dealerLinkId: A.id,
      outcome: "success",
      userEmail: "ann-only@dealer-a.test",
    },
  });
}, 240_000);

afterAll(async () => {
  session.user = null;
  await closeTenancyWorld(world);
});

/**
 * Every console page whose path names an object, with B's ids, and what the refusal names (the
 * admin pages' ?dealer= query has its own test below). The
 * cross-object rows (A's site with B's contact or job) prove the child is checked, not only the site.
 */
function foreignPages(): { route: string; params: () => Record<string, string>; kind: string; id: () => string }[] {
  const site = () => ({ siteId: String(B.site) });
  const bSite = () => String(B.site);
  return [
    { route: "sites/[siteId]", params: site, kind: "site", id: bSite },
    { route: "sites/[siteId]/edit", params: site, kind: "site", id: bSite },
    { route: "sites/[siteId]/arming", params: site, kind: "site", id: bSite },
    { route: "sites/[siteId]/contacts/new", params: site, kind: "site", id: bSite },
    {
      route: "sites/[siteId]/contacts/[contactId]/edit",
      params: () => ({ siteId: bSite(), contactId: String(B.contact) }),
      kind: "site",
      id: bSite,
    },
    {
      route: "sites/[siteId]/contacts/[contactId]/edit",
      params: () => ({ siteId: String(A.site), contactId: String(B.contact) }),
      kind: "contact",
      id: () => String(B.contact),
    },
    { route: "sites/[siteId]/devices", params: site, kind: "site", id: bSite },
    { route: "sites/[siteId]/devices/new", params: site, kind: "site", id: bSite },
    { route: "sites/[siteId]/devices/paste", params: site, kind: "site", id: bSite },
    { route: "sites/[siteId]/devices/jobs", params: site, kind: "site", id: bSite },
    {
      route: "sites/[siteId]/devices/jobs/[jobId]",
      params: () => ({ siteId: bSite(), jobId: B.job }),
      kind: "site",
      id: bSite,
    },
    {
      route: "sites/[siteId]/devices/jobs/[jobId]",
      params: () => ({ siteId: String(A.site), jobId: B.job }),
      kind: "bulk_job",
      id: () => B.job,
    },
    {
      route: "sites/import/jobs/[jobId]",
      params: () => ({ jobId: B.importJob }),
      kind: "bulk_job",
      id: () => B.importJob,
    },
    {
      route: "stations/[stationId]",
      params: () => ({ stationId: String(B.station) }),
      kind: "monitoring_station",
      id: () => String(B.station),
    },
  ];
}

describe("tenancy over pages: a member of dealer A opening dealer B's objects by URL", () => {
  it("every console page with an id in its URL is in the table", () => {
    const dynamicPages = filesNamed(CONSOLE, "page.tsx")
      .map((f) => path.relative("app/(console)", path.dirname(f)))
      .filter((r) => r.includes("["));
    const listed = new Set(foreignPages().map((p) => p.route));
    expect(dynamicPages.filter((r) => !listed.has(r))).toEqual([]);
  });

  it("each answers 404 and writes a refusal audit row naming A's member, the object and A's dealer", async () => {
    session.user = ALICE;
    jar.set("dealer_link", A.id);
    const problems: string[] = [];
    for (const p of foreignPages()) {
      const from = await lastAuditId();
      const { status } = await open(p.route, p.params());
      if (status !== 404) problems.push(`${p.route} ${JSON.stringify(p.params())}: ${status} instead of 404`);
      const rows = await auditSince(from);
      const refusal = rows.find((r) => r.action === "scope.not_found" && r.outcome === "refused");
      if (!refusal)
        problems.push(`${p.route}: no refusal audit row (got ${JSON.stringify(rows.map((r) => r.action))})`);
      else {
        const want = { object_kind: p.kind, chekt_id: p.id(), user_email: ALICE.email, dealer_link_id: A.id };
        const got = {
          object_kind: refusal.object_kind,
          chekt_id: refusal.chekt_id,
          user_email: refusal.user_email,
          dealer_link_id: refusal.dealer_link_id,
        };
        if (JSON.stringify(got) !== JSON.stringify(want) || !refusal.trace_id)
          problems.push(`${p.route}: audit row ${JSON.stringify(got)}, want ${JSON.stringify(want)} with a trace id`);
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it("the admin pages' ?dealer= naming B's link answers 404 with a refusal row; A's own link opens", async () => {
    session.user = ALICE;
    jar.set("dealer_link", A.id);
    for (const route of ["settings", "settings/app-devices", "drift"]) {
      const from = await lastAuditId();
      expect((await open(route, {}, { dealer: B.id })).status, route).toBe(404);
      const rows = (await auditSince(from)).map((r) => [
        r.action,
        r.object_kind,
        r.chekt_id,
        r.user_email,
        r.dealer_link_id,
      ]);
      expect(rows, route).toEqual([["scope.not_found", "dealer", B.id, ALICE.email, A.id]]);
    }
    expect((await open("settings", {}, { dealer: A.id })).status).toBe(200);
  }, 60_000);

  it("A's own objects open on the same pages (the 404s above are about the dealer, not the page)", async () => {
    session.user = ALICE;
    jar.set("dealer_link", A.id);
    const aContact = [...sim.state.contacts.values()].find((c) => c.site_id === A.site)!.contact_id;
    const aStation = (
      await sql.query<{ chekt_id: number }>(`SELECT chekt_id FROM mirror_stations WHERE dealer_link_id = $1 LIMIT 1`, [
        A.id,
      ])
    ).rows[0].chekt_id;
    const own: [string, Record<string, string>][] = [
      ["sites/[siteId]", { siteId: String(A.site) }],
      ["sites/[siteId]/edit", { siteId: String(A.site) }],
      ["sites/[siteId]/contacts/[contactId]/edit", { siteId: String(A.site), contactId: String(aContact) }],
      ["sites/[siteId]/devices/jobs/[jobId]", { siteId: String(A.site), jobId: A.job }],
      ["stations/[stationId]", { stationId: String(aStation) }],
    ];
    for (const [route, params] of own) expect((await open(route, params)).status, route).toBe(200);
  }, 60_000);

  it("a viewer of A gets 403 on B's operator-only pages (the role is the reason) and a refusal row", async () => {
    session.user = VERA;
    jar.set("dealer_link", A.id);
    const operatorOnly = foreignPages().filter((p) => /\/(edit|new|paste)$/.test(p.route));
    expect(operatorOnly.length).toBeGreaterThanOrEqual(5);
    for (const p of operatorOnly) {
      const from = await lastAuditId();
      expect((await open(p.route, p.params())).status, p.route).toBe(403);
      const rows = await auditSince(from);
      expect(
        rows.map((r) => [r.action, r.outcome, r.user_email, r.dealer_link_id]),
        p.route,
      ).toEqual([["scope.forbidden", "refused", VERA.email, A.id]]);
    }
    // Where a viewer may look, B's object is still a 404 (and audited as such).
    const from = await lastAuditId();
    expect((await open("sites/[siteId]", { siteId: String(B.site) })).status).toBe(404);
    expect((await auditSince(from)).map((r) => [r.action, r.user_email])).toEqual([["scope.not_found", VERA.email]]);
  }, 60_000);

  it("A's lists show A's rows, none of B's (sites, stations, fleet, history, audit, jobs)", async () => {
    session.user = ALICE;
    jar.set("dealer_link", A.id);
    const sites = (await open("sites", {})).html;
    expect(sites).toContain(A.siteName);
    for (const name of B.siteNames) expect(sites, `sites list shows B's ${name}`).not.toContain(JSON.stringify(name));

    const stations = (await open("stations", {})).html;
    expect(stations).toContain(A.stationName);
    for (const name of B.stationNames)
      expect(stations, `stations list shows B's ${name}`).not.toContain(JSON.stringify(name));

    const fleet = (await open("fleet", {})).html;
    expect(fleet).toContain(A.siteName);
    for (const name of B.siteNames) expect(fleet, `fleet shows B's ${name}`).not.toContain(JSON.stringify(name));

    const history = (await open("verifications/history", {})).html;
    expect(history).toContain("ver_tp_a_done");
    expect(history).not.toContain("ver_tp_b");
    // The Site filter offers the sites of A's verifications only (B's open alarm is on B's site), named from A's
    // mirror.
    const { historySiteChoices } = await import("@/lib/verifications/history-sites");
    expect(await historySiteChoices(A.id)).toEqual([{ value: String(A.site), label: A.siteName }]);
    // The dashboard's waiting list and the fleet alerts name sites through this: another dealer's site is no name.
    const { mirrorSiteNames } = await import("@/lib/mirror/read");
    expect([...(await mirrorSiteNames(A.id, [A.site, B.site, A.site]))]).toEqual([[A.site, A.siteName]]);
    for (const name of B.siteNames)
      expect(history, `history's site filter offers B's ${name}`).not.toContain(JSON.stringify(name));

    const audit = (await open("audit", {})).html;
    expect(audit).toContain("ann-only@dealer-a.test");
    expect(audit).not.toContain(BOB.email);

    // B's job carries A's site's CHeKT id: only the dealer key keeps it off A's list.
    const jobs = (await open("sites/[siteId]/devices/jobs", { siteId: String(A.site) })).html;
    expect(jobs).toContain(A.job);
    expect(jobs).not.toContain(B.jobOnASite);

    // The dealer's jobs (/jobs): A's job named by A's site; none of B's, the import and the in-progress filter too.
    const searches: Record<string, string>[] = [{}, { entity: "sites" }, { state: "active" }, { kind: "delete" }];
    for (const search of searches) {
      const dealerJobs = (await open("jobs", {}, search)).html;
      for (const id of [B.job, B.jobOnASite, B.importJob])
        expect(dealerJobs, `/jobs ${JSON.stringify(search)} shows B's job ${id}`).not.toContain(id);
      for (const name of B.siteNames) expect(dealerJobs, `/jobs names B's ${name}`).not.toContain(JSON.stringify(name));
    }
    const dealerJobs = (await open("jobs", {})).html;
    expect(dealerJobs).toContain(A.job);
    expect(dealerJobs).toContain(JSON.stringify(A.siteName));

    const dealer = (await open("dealer", {})).html;
    expect(dealer).toContain("Acme Security");
    expect(dealer, "the dealer page's connection history lists B to a member of A only").not.toContain(
      "Northwind Alarms",
    );
  }, 120_000);
});

describe("tenancy over route handlers: a member of dealer A naming dealer B's objects", () => {
  type Handler = (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>;
  const call = async (route: string, params: Record<string, string>, method = "GET") => {
    const mod = (await import(pathToFileURL(path.join(ROOT, "app/api", route, "route.ts")).href)) as Record<
      string,
      Handler
    >;
    const url = `http://console.test/api/${route.replace(/\[(\w+)\]/g, (_m, k: string) => encodeURIComponent(params[k] ?? ""))}`;
    return mod[method](new NextRequest(url, { method }), { params: Promise.resolve(params) });
  };

  it("each answers 404 and writes a refusal audit row; B's verification is not renewed or viewed", async () => {
    session.user = ALICE;
    jar.set("dealer_link", A.id);
    const cases: { route: string; params: Record<string, string>; method?: string; kind: string; id: string }[] = [
      { route: "snapshots/[id]", params: { id: "snap_tp_b" }, kind: "snapshot", id: "snap_tp_b" },
      { route: "snapshots/[id]", params: { id: "alarm:alm_tp_b" }, kind: "snapshot", id: "alarm:alm_tp_b" },
      { route: "bulk-jobs/[jobId]", params: { jobId: B.job }, kind: "bulk_job", id: B.job },
      { route: "live/sites/[siteId]/contacts", params: { siteId: String(B.site) }, kind: "site", id: String(B.site) },
      { route: "live/verifications/[id]/detail", params: { id: "ver_tp_b" }, kind: "verification", id: "ver_tp_b" },
      {
        route: "live/verifications/[id]/lease",
        params: { id: "ver_tp_b" },
        method: "POST",
        kind: "verification",
        id: "ver_tp_b",
      },
      { route: "live/verifications/[id]/outcomes", params: { id: "ver_tp_b" }, kind: "verification", id: "ver_tp_b" },
    ];
    // Every route with an id in its URL is here, except the two keyed by something else than a
    // dealer's object: the webhook receiver (a dealer key, tested in webhooks-tenancy) and Auth.js.
    const dynamicRoutes = filesNamed(path.join(ROOT, "app/api"), "route.ts")
      .map((f) => path.relative("app/api", path.dirname(f)))
      .filter((r) => r.includes("[") && !r.startsWith("auth/") && !r.startsWith("webhooks/"));
    expect(dynamicRoutes.filter((r) => !cases.some((c) => c.route === r))).toEqual([]);
    const before = (await sql.query(`SELECT v::text FROM verifications v WHERE id = 'ver_tp_b'`)).rows;
    const problems: string[] = [];
    for (const c of cases) {
      const from = await lastAuditId();
      const res = await call(c.route, c.params, c.method);
      const body = (await res.json().catch(() => ({}))) as { error?: { code?: string } };
      if (res.status !== 404) problems.push(`${c.route} ${c.id}: ${res.status} ${JSON.stringify(body)} instead of 404`);
      const rows = (await auditSince(from)).filter((r) => r.action === "scope.not_found");
      const got = rows.map((r) => [r.object_kind, r.chekt_id, r.user_email, r.dealer_link_id, r.outcome, !!r.trace_id]);
      if (JSON.stringify(got) !== JSON.stringify([[c.kind, c.id, ALICE.email, A.id, "refused", true]]))
        problems.push(`${c.route} ${c.id}: audit rows ${JSON.stringify(got)}`);
    }
    expect(problems).toEqual([]);
    expect((await sql.query(`SELECT v::text FROM verifications v WHERE id = 'ver_tp_b'`)).rows).toEqual(before);
    expect(
      (await sql.query(`SELECT count(*)::int AS n FROM verification_views WHERE verification_id = $1`, ["ver_tp_b"]))
        .rows[0].n,
    ).toBe(0);
  }, 60_000);

  it("a viewer sees who claimed an alarm by name, never the claimer's user id (list, live item, detail)", async () => {
    const now = new Date();
    await sql.query(
      `INSERT INTO verifications (id, dealer_link_id, alarm_id, site_id, state, claimed_by_id, claimed_by_name,
                                  claimed_at, lease_expires_at, occurred_at, expires_at, updated_at)
       VALUES ('ver_tp_a_claimed', $1, 'alm_tp_a', $2, 'claimed', $3, $4, $5, $6, $5, $6, $5)`,
      [A.id, A.site, ALICE.id, ALICE.name, now, new Date(now.getTime() + 10 * 60_000)],
    );
    session.user = VERA;
    jar.set("dealer_link", A.id);
    const list = JSON.stringify(await (await call("live/verifications/list", {})).json());
    expect(list).toContain("ver_tp_a_claimed");
    expect(list).toContain(ALICE.name);
    expect(list).not.toContain(ALICE.id);
    const { getItem } = await import("@/lib/verifications/queries");
    const item = JSON.stringify(await getItem("ver_tp_a_claimed", A.id, A.chekt, VERA.id));
    expect(item).toContain(ALICE.name);
    expect(item).not.toContain(ALICE.id);
    const detail = await call("live/verifications/[id]/detail", { id: "ver_tp_a_claimed" });
    expect(detail.status).toBe(200);
    expect(JSON.stringify(await detail.json())).not.toContain(ALICE.id);
  });

  it("B's queue and bulk job stay out of A's list answers", async () => {
    session.user = ALICE;
    jar.set("dealer_link", A.id);
    const list = JSON.stringify(await (await call("live/verifications/list", {})).json());
    expect(list).not.toContain("ver_tp_b");
    const job = await call("bulk-jobs/[jobId]", { jobId: A.job });
    expect(job.status).toBe(200);
  });
});
