// The desk report and the history agree on which day an alarm belongs to (the day it happened, not
// the day it reached us) and on what is expired (an open item past its deadline, swept or not).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, seedDealerLink, setTestEnv, type TestDb } from "./webhooks-helpers";

let db: TestDb;
let sql: pg.Client;
let A: string;
let report: typeof import("@/lib/verifications/report");
let queries: typeof import("@/lib/verifications/queries");

const day = (d: string) => new Date(`${d}T00:00:00Z`);
const DEC3 = { from: day("2026-12-03"), to: day("2026-12-04"), fromDay: "2026-12-03", toDay: "2026-12-03" };
const DEC4 = { from: day("2026-12-04"), to: day("2026-12-05"), fromDay: "2026-12-04", toDay: "2026-12-04" };
/** Past vd3's 10:10 deadline, before the sweep has run. */
const NOON = new Date("2026-12-04T12:00:00Z");
/** Before vd3's deadline. */
const TEN_PAST_FIVE = new Date("2026-12-04T10:05:00Z");

type Row = { id: string; occurred: string; arrived: string; state: string; answeredS?: number };

// Dec 3's alarms that reached us on Dec 4: seconds after midnight, and hours later by a catch-up;
// vd3 happened on Dec 4 and is still pending past its deadline.
const ROWS: Row[] = [
  { id: "vd1", occurred: "2026-12-03T23:59:50Z", arrived: "2026-12-04T00:00:05Z", state: "dispatched", answeredS: 60 },
  { id: "vd2", occurred: "2026-12-03T22:30:00Z", arrived: "2026-12-04T03:00:00Z", state: "expired" },
  { id: "vd3", occurred: "2026-12-04T10:00:00Z", arrived: "2026-12-04T10:00:00Z", state: "pending" },
];

beforeAll(async () => {
  db = await createTestDb("chekt_day_rule_it");
  setTestEnv(db.url);
  A = await seedDealerLink(db.url, { key: "acme-security", chektDealerId: 1, secret: null });
  sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
  report = await import("@/lib/verifications/report");
  queries = await import("@/lib/verifications/queries");
  for (const r of ROWS) {
    const occurred = new Date(r.occurred);
    const answered = r.answeredS !== undefined ? new Date(new Date(r.arrived).getTime() + r.answeredS * 1000) : null;
    await sql.query(
      `INSERT INTO verifications (id, dealer_link_id, site_id, device_id, occurred_at, expires_at, state,
                                  answered_by_name, answered_at, answer_action, created_at, updated_at)
       VALUES ($1, $2, 107, 71, $3, $4, $5::"VerificationState", $6, $7, $8, $9, $9)`,
      [
        r.id,
        A,
        occurred,
        new Date(occurred.getTime() + 600_000),
        r.state,
        answered ? "Alice Operator" : null,
        answered,
        answered ? "dispatch" : null,
        new Date(r.arrived),
      ],
    );
  }
}, 120_000);

afterAll(async () => {
  await sql?.end();
  await (await import("@/lib/db")).prisma.$disconnect();
  await db?.drop();
});

describe("the day of an alarm", () => {
  it("the report counts an alarm on the day and in the hour it happened, not when it reached us", async () => {
    const dec3 = await report.readDeskReport(A, DEC3, NOON);
    expect(dec3.summary).toMatchObject({ total: 2, dispatched: 1, expired: 1, open: 0 });
    // Handling times still run from arrival.
    expect(dec3.summary.toAnswer).toMatchObject({ median: 60, count: 1 });
    expect(dec3.byHour.filter((h) => h.total > 0)).toEqual([
      { hour: 22, total: 1, dispatched: 0, disregarded: 0, expired: 1 },
      { hour: 23, total: 1, dispatched: 1, disregarded: 0, expired: 0 },
    ]);
    expect((await report.readDeskReport(A, DEC4, NOON)).summary).toMatchObject({ total: 1, expired: 1 });
  });

  it("the history lists the same alarms for the same day", async () => {
    const page = await queries.listHistory(A, 1, { from: DEC3.from, to: DEC3.to }, NOON);
    expect(page.items.map((i) => [i.id, i.state])).toEqual([
      ["vd1", "dispatched"],
      ["vd2", "expired"],
    ]);
  });
});

describe("what is expired", () => {
  const states = async (state: "pending" | "expired", now: Date) =>
    (await queries.listHistory(A, 1, { from: DEC3.from, to: DEC4.to, state }, now)).items.map((i) => [i.id, i.state]);

  it("past its deadline an open item is expired in the history (filter and row) before the sweep", async () => {
    expect(await states("expired", NOON)).toEqual([
      ["vd3", "expired"],
      ["vd2", "expired"],
    ]);
    expect(await states("pending", NOON)).toEqual([]);
    expect((await report.readDeskReport(A, DEC4, NOON)).summary).toMatchObject({ expired: 1, open: 0 });
  });

  it("before its deadline it is pending, and open in the report", async () => {
    expect(await states("pending", TEN_PAST_FIVE)).toEqual([["vd3", "pending"]]);
    expect(await states("expired", TEN_PAST_FIVE)).toEqual([["vd2", "expired"]]);
    expect((await report.readDeskReport(A, DEC4, TEN_PAST_FIVE)).summary).toMatchObject({ expired: 0, open: 1 });
  });

  it("the state filter and the operator filter both hold", async () => {
    const f = { from: DEC3.from, to: DEC4.to, operator: "alice" };
    const page = await queries.listHistory(A, 1, { ...f, state: "dispatched" }, NOON);
    expect(page.items.map((i) => i.id)).toEqual(["vd1"]);
    expect((await queries.listHistory(A, 1, { ...f, state: "expired" }, NOON)).items).toEqual([]);
  });
});
