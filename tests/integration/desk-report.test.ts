// The desk report against real Postgres: a fixture of known verifications (arrival, first view,
// claim, answer, state, site, camera, operator) for dealer A, plus rows outside the range and rows
// of dealer B that must never count. Every figure of every section is checked against numbers
// worked out by hand, and so are the range parsing, the first-view record and the CSV.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { siteLabel } from "@/lib/site-label";
import { createTestDb, seedDealerLink, setTestEnv, type TestDb } from "./webhooks-helpers";

let db: TestDb;
let sql: pg.Client;
let A: string;
let B: string;
let report: typeof import("@/lib/verifications/report");
let ranges: typeof import("@/lib/verifications/report-range");
let views: typeof import("@/lib/verifications/report-views");
let csv: typeof import("@/lib/verifications/report-csv");

const alice = { id: "u_alice", name: "Alice Operator" };
/** Dealer A's sites the mirror has, by CHeKT id: one named, one with an empty name. */
const MIRROR_NAMES = new Map([
  [105, ""],
  [106, "Harbor Warehouse"],
]);
const bob = { id: "u_bob", name: "Bob Operator" };
const at = (iso: string, plusS = 0) => new Date(new Date(iso).getTime() + plusS * 1000);

type Row = {
  id: string;
  dl: string;
  site: number;
  device: number | null;
  arrived: string;
  state: "dispatched" | "disregarded" | "expired" | "pending" | "claimed";
  viewS?: number;
  claimS?: number;
  answerS?: number;
  by?: { id: string; name: string };
};

async function insert(r: Row) {
  const arrived = new Date(r.arrived);
  await sql.query(
    `INSERT INTO verifications (id, dealer_link_id, site_id, device_id, occurred_at, expires_at, state,
                                claimed_by_id, claimed_by_name, claimed_at,
                                answered_by_id, answered_by_name, answered_at, answer_action, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::"VerificationState", $8, $9, $10, $11, $12, $13, $14, $5, $5)`,
    [
      r.id,
      r.dl,
      r.site,
      r.device,
      arrived,
      at(r.arrived, 600),
      r.state,
      r.claimS !== undefined ? r.by?.id : null,
      r.claimS !== undefined ? r.by?.name : null,
      r.claimS !== undefined ? at(r.arrived, r.claimS) : null,
      r.answerS !== undefined ? r.by?.id : null,
      r.answerS !== undefined ? r.by?.name : null,
      r.answerS !== undefined ? at(r.arrived, r.answerS) : null,
      r.state === "dispatched" ? "dispatch" : r.state === "disregarded" ? "disregard" : null,
    ],
  );
  if (r.viewS !== undefined) await views.recordFirstView(r.dl, r.id, r.by ?? alice, at(r.arrived, r.viewS));
}

beforeAll(async () => {
  db = await createTestDb("chekt_report_it");
  setTestEnv(db.url);
  A = await seedDealerLink(db.url, { key: "acme-security", chektDealerId: 1, secret: null });
  B = await seedDealerLink(db.url, { key: "northwind", chektDealerId: 2, secret: null });
  sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
  report = await import("@/lib/verifications/report");
  ranges = await import("@/lib/verifications/report-range");
  views = await import("@/lib/verifications/report-views");
  csv = await import("@/lib/verifications/report-csv");
  const rows: Row[] = [
    {
      id: "v1",
      dl: A,
      site: 101,
      device: 11,
      arrived: "2026-11-10T08:00:00Z",
      state: "dispatched",
      viewS: 10,
      claimS: 20,
      answerS: 60,
      by: alice,
    },
    {
      id: "v2",
      dl: A,
      site: 101,
      device: 11,
      arrived: "2026-11-10T20:00:00Z",
      state: "disregarded",
      viewS: 30,
      claimS: 40,
      answerS: 100,
      by: bob,
    },
    {
      id: "v3",
      dl: A,
      site: 101,
      device: 11,
      arrived: "2026-11-11T20:30:00Z",
      state: "disregarded",
      claimS: 60,
      answerS: 200,
      by: bob,
    },
    { id: "v4", dl: A, site: 102, device: 21, arrived: "2026-11-11T09:00:00Z", state: "expired" },
    {
      id: "v5",
      dl: A,
      site: 102,
      device: 22,
      arrived: "2026-11-12T20:10:00Z",
      state: "disregarded",
      viewS: 5,
      claimS: 10,
      answerS: 30,
      by: alice,
    },
    // Outside the range (the day after it ends, and the last millisecond before it starts).
    {
      id: "v6",
      dl: A,
      site: 101,
      device: 11,
      arrived: "2026-11-13T00:00:00Z",
      state: "disregarded",
      claimS: 1,
      answerS: 2,
      by: alice,
    },
    {
      id: "v7",
      dl: A,
      site: 101,
      device: 11,
      arrived: "2026-11-09T23:59:59.999Z",
      state: "dispatched",
      claimS: 1,
      answerS: 2,
      by: alice,
    },
    // Dealer B, in the range, with the same site and device ids: never A's.
    {
      id: "v1",
      dl: B,
      site: 101,
      device: 11,
      arrived: "2026-11-10T20:05:00Z",
      state: "disregarded",
      viewS: 1,
      claimS: 2,
      answerS: 3,
      by: bob,
    },
    { id: "vb2", dl: B, site: 103, device: 31, arrived: "2026-11-11T03:00:00Z", state: "expired" },
    // 2026-10-05, for "still open" as the report is read: each has a 10-minute deadline; the sweep
    // has not yet moved vo2 to expired.
    { id: "vo1", dl: A, site: 104, device: null, arrived: "2026-10-05T09:00:00Z", state: "pending" },
    {
      id: "vo2",
      dl: A,
      site: 104,
      device: null,
      arrived: "2026-10-05T08:00:00Z",
      state: "claimed",
      claimS: 5,
      by: bob,
    },
    { id: "vo3", dl: A, site: 104, device: null, arrived: "2026-10-05T09:01:00Z", state: "expired" },
    // 2026-09-14, for site names: the mirror names site 106, and has site 105 with an empty name.
    ...[105, 106].map((site): Row => ({
      id: `vn${site}`,
      dl: A,
      site,
      device: site * 10,
      arrived: "2026-09-14T10:00:00Z",
      state: "disregarded",
      claimS: 10,
      answerS: 30,
      by: alice,
    })),
  ];
  for (const r of rows) await insert(r);
  for (const [site, name] of MIRROR_NAMES)
    await sql.query(
      `INSERT INTO mirror_sites (dealer_link_id, chekt_id, external_id, name, is_activated, search_text, dto,
                                 confirmed_at, updated_at)
       VALUES ($1, $2, $3, $4, true, $4, '{}', now(), now())`,
      [A, site, `ext-${site}`, name],
    );
}, 120_000);

afterAll(async () => {
  await sql?.end();
  await (await import("@/lib/db")).prisma.$disconnect();
  await db?.drop();
});

const NOW = new Date("2026-11-12T15:00:00Z");
function rangeOf(from: string, to: string) {
  const { range, errors } = ranges.parseReportRange(new URLSearchParams({ from, to }), NOW);
  expect(errors).toEqual([]);
  return range!;
}

describe("desk report range", () => {
  it("defaults to the last 7 days up to today and takes inclusive UTC days", () => {
    const { range } = ranges.parseReportRange(new URLSearchParams(), NOW);
    expect(range).toMatchObject({
      fromDay: "2026-11-06",
      toDay: "2026-11-12",
      from: new Date("2026-11-06T00:00:00Z"),
      to: new Date("2026-11-13T00:00:00Z"),
    });
  });

  it("refuses bad dates, an inverted range and a range over a year, with a clear message", () => {
    const bad = (from: string, to: string) => ranges.parseReportRange(new URLSearchParams({ from, to }), NOW);
    const refused: [from: string, to: string, message: string][] = [
      ["yesterday", "2026-11-12", '"From" date "yesterday" is not a date (use YYYY-MM-DD).'],
      ["2026-02-30", "2026-03-01", '"From" date "2026-02-30" is not a real day.'],
      ["2026-11-12", "2026-11-10", '"From" must be on or before "To".'],
      ["2025-01-01", "2026-11-10", "A report covers at most 366 days (asked for 679)."],
    ];
    for (const [from, to, message] of refused)
      expect(bad(from, to), `${from} to ${to}`).toMatchObject({ range: null, errors: [message] });
  });
});

describe("desk report numbers", () => {
  it("summary: outcomes and the median, p90 and average time to first view, claim and answer", async () => {
    const r = await report.readDeskReport(A, rangeOf("2026-11-10", "2026-11-12"));
    expect(r.summary).toEqual({
      total: 5,
      dispatched: 1,
      disregarded: 3,
      expired: 1,
      cancelled: 0,
      open: 0,
      toFirstView: { median: 10, p90: 26, avg: 15, count: 3 },
      toClaim: { median: 30, p90: 54, avg: 32.5, count: 4 },
      toAnswer: { median: 80, p90: 170, avg: 97.5, count: 4 },
    });
  });

  it("by operator, by site and by hour of day", async () => {
    const r = await report.readDeskReport(A, rangeOf("2026-11-10", "2026-11-12"));
    expect(r.byOperator).toEqual([
      {
        operatorId: "u_alice",
        operator: "Alice Operator",
        claimed: 2,
        dispatched: 1,
        disregarded: 1,
        medianToClaim: 15,
        medianToAnswer: 45,
      },
      {
        operatorId: "u_bob",
        operator: "Bob Operator",
        claimed: 2,
        dispatched: 0,
        disregarded: 2,
        medianToClaim: 50,
        medianToAnswer: 150,
      },
      {
        operatorId: null,
        operator: "Nobody (never claimed)",
        claimed: 0,
        dispatched: 0,
        disregarded: 0,
        medianToClaim: null,
        medianToAnswer: null,
      },
    ]);
    expect(r.bySite).toEqual([
      { siteId: 101, site: "Site 101", total: 3, dispatched: 1, disregarded: 2, expired: 0, medianToAnswer: 100 },
      { siteId: 102, site: "Site 102", total: 2, dispatched: 0, disregarded: 1, expired: 1, medianToAnswer: 30 },
    ]);
    expect(r.byHour).toHaveLength(24);
    expect(r.byHour.filter((h) => h.total > 0)).toEqual([
      { hour: 8, total: 1, dispatched: 1, disregarded: 0, expired: 0 },
      { hour: 9, total: 1, dispatched: 0, disregarded: 0, expired: 1 },
      { hour: 20, total: 3, dispatched: 0, disregarded: 3, expired: 0 },
    ]);
  });

  it("top false-alarm sites and cameras, with the hour a camera's disregards cluster in", async () => {
    const r = await report.readDeskReport(A, rangeOf("2026-11-10", "2026-11-12"));
    expect(r.falseSites).toEqual([
      { siteId: 101, site: "Site 101", disregarded: 2, answered: 3, disregardShare: 66.7 },
      { siteId: 102, site: "Site 102", disregarded: 1, answered: 1, disregardShare: 100 },
    ]);
    expect(r.falseCameras).toEqual([
      { siteId: 101, site: "Site 101", deviceId: 11, camera: "Device 11", disregarded: 2, peakHour: 20, atPeakHour: 2 },
      { siteId: 102, site: "Site 102", deviceId: 22, camera: "Device 22", disregarded: 1, peakHour: 20, atPeakHour: 1 },
    ]);
  });

  it("a one-day range counts only that day's arrivals", async () => {
    const r = await report.readDeskReport(A, rangeOf("2026-11-11", "2026-11-11"));
    expect(r.summary).toMatchObject({ total: 2, disregarded: 1, expired: 1, dispatched: 0 });
    expect(r.summary.toFirstView).toEqual({ median: null, p90: null, avg: null, count: 0 });
    expect(r.bySite.map((s) => [s.siteId, s.total])).toEqual([
      [101, 1],
      [102, 1],
    ]);
  });

  it("dealer B's report holds only B's rows, though the ids collide with A's", async () => {
    const r = await report.readDeskReport(B, rangeOf("2026-11-10", "2026-11-12"));
    expect(r.summary).toMatchObject({ total: 2, dispatched: 0, disregarded: 1, expired: 1 });
    expect(r.summary.toFirstView).toEqual({ median: 1, p90: 1, avg: 1, count: 1 });
    expect(r.byOperator.map((o) => o.operator)).toEqual(["Bob Operator", "Nobody (never claimed)"]);
    expect(r.bySite.map((s) => s.siteId)).toEqual([101, 103]);
  });

  it("still open means open when the report is read: an item past its deadline counts as expired", async () => {
    const day = rangeOf("2026-10-05", "2026-10-05");
    const before = await report.readDeskReport(A, day, at("2026-10-05T09:10:00Z", -0.001));
    expect(before.summary).toMatchObject({ total: 3, open: 1, expired: 2 });
    expect(before.bySite).toMatchObject([{ siteId: 104, total: 3, expired: 2 }]);
    expect(before.byHour.filter((h) => h.total > 0)).toEqual([
      { hour: 8, total: 1, dispatched: 0, disregarded: 0, expired: 1 },
      { hour: 9, total: 2, dispatched: 0, disregarded: 0, expired: 1 },
    ]);
    // Exactly at vo1's deadline it is no longer open.
    const atDeadline = await report.readDeskReport(A, day, at("2026-10-05T09:10:00Z"));
    expect(atDeadline.summary).toMatchObject({ total: 3, open: 0, expired: 3 });
    expect(atDeadline.bySite).toMatchObject([{ siteId: 104, expired: 3 }]);
  });

  it("names a site as the desk does: the mirror's name, else its number when the name is empty", async () => {
    const r = await report.readDeskReport(A, rangeOf("2026-09-14", "2026-09-14"));
    const desk = [105, 106].map((id) => [id, siteLabel(id, MIRROR_NAMES.get(id))]);
    expect(desk).toEqual([
      [105, "Site 105"],
      [106, "Harbor Warehouse"],
    ]);
    for (const rows of [r.bySite, r.falseSites, r.falseCameras])
      expect(rows.map((x) => [x.siteId, x.site])).toEqual(desk);
    const text = csv.reportCsv(r, rangeOf("2026-09-14", "2026-09-14"));
    expect(text).toContain("\r\nSite 105,105,1,0,1,0,30\r\nHarbor Warehouse,106,1,0,1,0,30\r\n");
    expect(text).toContain("\r\nDevice 1050,1050,Site 105,105,1,10,1\r\n");
  });

  it("an empty range reports zeros, 24 empty hours and no false-alarm rows", async () => {
    const r = await report.readDeskReport(A, rangeOf("2026-01-01", "2026-01-31"));
    expect(r.summary).toMatchObject({ total: 0, dispatched: 0, disregarded: 0, expired: 0 });
    expect(r.byHour.every((h) => h.total === 0)).toBe(true);
    expect([r.byOperator, r.bySite, r.falseSites, r.falseCameras]).toEqual([[], [], [], []]);
  });
});

describe("desk report first view", () => {
  it("keeps the first opener's time; a later open by anyone changes nothing", async () => {
    await views.recordFirstView(A, "v4", bob, at("2026-11-11T09:00:00Z", 45));
    await views.recordFirstView(A, "v4", alice, at("2026-11-11T09:00:00Z", 5));
    const rows = await sql.query(
      `SELECT user_id, first_viewed_at FROM verification_views WHERE dealer_link_id = $1 AND verification_id = 'v4'`,
      [A],
    );
    expect(rows.rows).toEqual([{ user_id: "u_bob", first_viewed_at: at("2026-11-11T09:00:00Z", 45) }]);
    const r = await report.readDeskReport(A, rangeOf("2026-11-11", "2026-11-11"));
    expect(r.summary.toFirstView).toEqual({ median: 45, p90: 45, avg: 45, count: 1 });
    await sql.query(`DELETE FROM verification_views WHERE dealer_link_id = $1 AND verification_id = 'v4'`, [A]);
  });
});

describe("desk report CSV", () => {
  it("has a section per table with the page's numbers", async () => {
    const range = rangeOf("2026-11-10", "2026-11-12");
    const text = csv.reportCsv(await report.readDeskReport(A, range), range);
    const lines = text.split("\r\n");
    expect(lines.slice(0, 11)).toEqual([
      "Desk report,2026-11-10 to 2026-11-12 (UTC)",
      "",
      "Outcomes",
      "total,dispatched,disregarded,expired,cancelled,open",
      "5,1,3,1,0,0",
      "",
      "Handling times (seconds from arrival)",
      "step,median_s,p90_s,avg_s,items",
      "first view,10,26,15,3",
      "claim,30,54,32.5,4",
      "answer,80,170,97.5,4",
    ]);
    expect(text).toContain(
      "\r\nBy operator\r\n" +
        "operator,operator_id,claimed,dispatched,disregarded,median_to_claim_s,median_to_answer_s\r\n" +
        "Alice Operator,u_alice,2,1,1,15,45\r\n",
    );
    expect(text).toContain("\r\nNobody (never claimed),,0,0,0,,\r\n");
    expect(text).toContain("\r\nSite 101,101,3,1,2,0,100\r\n");
    expect(text).toContain("\r\n20,3,0,3,0\r\n");
    expect(text).toContain(
      "\r\nTop false-alarm sites\r\nsite,site_id,disregarded,answered,disregard_share_pct\r\nSite 101,101,2,3,66.7\r\n",
    );
    expect(text).toContain(
      "\r\nTop false-alarm cameras\r\n" +
        "camera,device_id,site,site_id,disregarded,peak_hour_utc,at_peak_hour\r\n" +
        "Device 11,11,Site 101,101,2,20,2\r\n",
    );
  });
});
