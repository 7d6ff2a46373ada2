// The live stream's item read (getItem: one query with its alarm, snapshots and site) gives exactly
// what the list read (listOpen: the same item built from separate queries) gives, whatever the item
// has: an alarm with its own snapshot URL and snapshot rows, a mirrored site or none, no alarm at all,
// another dealer's rows with the same ids, a claim seen by its holder and by someone else.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, seedDealerLink, setTestEnv, type TestDb } from "./webhooks-helpers";

let db: TestDb;
let sql: pg.Client;
let A = "";
let B = "";
let queries: typeof import("@/lib/verifications/queries");

beforeAll(async () => {
  db = await createTestDb("chekt_get_item");
  setTestEnv(db.url);
  A = await seedDealerLink(db.url, { key: "get-item-a", chektDealerId: 411 });
  B = await seedDealerLink(db.url, { key: "get-item-b", chektDealerId: 412 });
  sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
  queries = await import("@/lib/verifications/queries");
  for (const [link, name] of [
    [A, "Camden Office Suites"],
    [B, "Other dealer's site"],
  ])
    await sql.query(
      `INSERT INTO mirror_sites (dealer_link_id, chekt_id, external_id, name, timezone, is_activated, search_text, dto,
                                 confirmed_at, updated_at)
       VALUES ($1, 5, 'camden', $2, 'Europe/London', true, 'camden', '{}', now(), now())`,
      [link, name],
    );
}, 120_000);

afterAll(async () => {
  const { prisma } = await import("@/lib/db");
  await prisma.$disconnect();
  await sql?.end();
  await db?.drop();
});

async function verification(link: string, o: { id: string; alarm: string | null; site: number; claimedBy?: string }) {
  await sql.query(
    `INSERT INTO verifications (id, dealer_link_id, alarm_id, site_id, device_id, zone_number, contact_id, description,
                                occurred_at, expires_at, state, claimed_by_id, claimed_by_name, claimed_at,
                                created_at, updated_at)
     VALUES ($1, $2, $3, $4, 9, '3', 2, 'Motion', now() - interval '1 minute', now() + interval '9 minutes',
             $5::"VerificationState", $6, $7, $8, now(), now() - interval '2 seconds')`,
    [
      o.id,
      link,
      o.alarm,
      o.site,
      o.claimedBy ? "claimed" : "pending",
      o.claimedBy ?? null,
      o.claimedBy ? "Vera Operator" : null,
      o.claimedBy ? new Date() : null,
    ],
  );
}

describe("getItem", () => {
  it("equals the list's copy of the same item, for every shape an item takes", async () => {
    const alarm = `alm_${randomUUID()}`;
    const withAll = randomUUID();
    const noAlarm = randomUUID();
    const unknownSite = randomUUID();
    await sql.query(
      `INSERT INTO alarms (id, dealer_link_id, site_id, priority, "trigger", location, snapshot_url, state,
                           seen_created, created_at, updated_at)
       VALUES ($1, $2, 5, 'critical', 'panic', 'Lobby', 'https://img/own.png', 'open', true,
               now() - interval '1 minute', now())`,
      [alarm, A],
    );
    await sql.query(
      `INSERT INTO snapshots (id, dealer_link_id, alarm_id, url, captured_at, created_at)
       VALUES ('snap_2', $1, $2, 'https://img/2.png', now() - interval '10 seconds', now() + interval '1 second'),
              ('snap_1', $1, $2, 'https://img/1.png', now() - interval '20 seconds', now())`,
      [A, alarm],
    );
    await verification(A, { id: withAll, alarm, site: 5, claimedBy: "user_vera" });
    await verification(A, { id: noAlarm, alarm: null, site: 5 });
    await verification(A, { id: unknownSite, alarm: `alm_${randomUUID()}`, site: 77 });
    // The same ids under another dealer: never mixed in.
    await sql.query(
      `INSERT INTO alarms (id, dealer_link_id, priority, state, seen_created, updated_at)
       VALUES ($1, $2, 'low', 'open', true, now() + interval '1 hour')`,
      [alarm, B],
    );
    await sql.query(
      `INSERT INTO snapshots (id, dealer_link_id, alarm_id, url, captured_at) VALUES ('snap_b', $1, $2, 'x', now())`,
      [B, alarm],
    );
    await verification(B, { id: withAll, alarm, site: 5 });

    for (const viewer of ["user_vera", "user_other", null]) {
      const listed = await queries.listOpen(A, 411, viewer);
      for (const id of [withAll, noAlarm, unknownSite]) {
        const one = await queries.getItem(id, A, 411, viewer);
        expect(one).toEqual(listed.find((i) => i.id === id));
      }
    }
    const item = await queries.getItem(withAll, A, 411, "user_vera");
    expect(item).toMatchObject({
      siteName: "Camden Office Suites",
      siteTimezone: "Europe/London",
      priority: "critical",
      claimedByMe: true,
      snapshots: [{ id: `alarm:${alarm}` }, { id: "snap_1" }, { id: "snap_2" }],
    });
    expect((await queries.getItem(unknownSite, A, 411, null))?.siteName).toBeNull();
    expect(await queries.getItem(randomUUID(), A, 411, null)).toBeNull();
  });

  it("the alarm's own image is not shown twice when its snapshot row has the same CHeKT image re-signed", async () => {
    const { env } = await import("@/lib/env");
    const image = (snap: string, sig: string) =>
      `${env.CHEKT_API_BASE_URL}/v1/snapshots/${snap}/image?exp=1&sig=${sig}`;
    const alarm = `alm_${randomUUID()}`;
    const id = randomUUID();
    await sql.query(
      `INSERT INTO alarms (id, dealer_link_id, site_id, priority, snapshot_url, state, seen_created, updated_at)
       VALUES ($1, $2, 5, 'high', $3, 'open', true, now())`,
      [alarm, A, image("snap_resigned", "first")],
    );
    await sql.query(
      `INSERT INTO snapshots (id, dealer_link_id, alarm_id, url, captured_at)
       VALUES ('snap_resigned', $1, $2, $3, now())`,
      [A, alarm, image("snap_resigned", "second")],
    );
    await verification(A, { id, alarm, site: 5 });
    expect((await queries.getItem(id, A, 411, null))?.snapshots.map((s) => s.id)).toEqual(["snap_resigned"]);

    // Another image (a different snapshot id) is still the alarm's own, shown first.
    await sql.query(`UPDATE alarms SET snapshot_url = $1 WHERE id = $2 AND dealer_link_id = $3`, [
      image("snap_other", "first"),
      alarm,
      A,
    ]);
    expect((await queries.getItem(id, A, 411, null))?.snapshots.map((s) => s.id)).toEqual([
      `alarm:${alarm}`,
      "snap_resigned",
    ]);
  });
});
