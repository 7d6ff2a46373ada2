// A finding of issue 13 (docs/roles.md, "Findings and the tests that close them"): a 404 on
// answering was always taken as "expired". Now the alarm is read from CHeKT first; this file pins
// the branch verifications-answer.test.ts does not reach: CHeKT answers the PATCH with 404 while
// the alarm is still open there, and the item must stay claimed, nothing recorded, the operator told.
// The real simulator over HTTP and real Postgres; the 404 comes from the simulator itself (the
// verification asked for under another site of the dealer, which CHeKT answers 404).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "@/simulator/server";
import { startTestSimulator } from "../support/simulator";
import {
  actionCtxFor,
  closeDeskWorld,
  DESK_APP_KEY,
  DESK_WEBHOOK_SECRET,
  raiseAndDeliver,
} from "../support/desk-alarms";
import { createTestDb, seedDealerLink, setTestEnv, type TestDb } from "./webhooks-helpers";
import { seedTestOutcomes, type OutcomePicks } from "./desk-outcomes-helpers";

let db: TestDb;
let sim: RunningSimulator;
let sql: pg.Client;
let picks: OutcomePicks;
let dealer: { id: string; chektDealerId: number };
const bob = { id: "u_tf_bob", name: "Bob Operator", email: "bob@example.test" };
const SECRET = DESK_WEBHOOK_SECRET;

const ctxFor = actionCtxFor;

const raise = (siteId: number) => raiseAndDeliver(sim.url, siteId);

beforeAll(async () => {
  db = await createTestDb();
  setTestEnv(db.url, { CHEKT_WEBHOOK_SECRET: SECRET, CHEKT_API_KEY: DESK_APP_KEY });
  sim = await startTestSimulator({
    appUrl: "http://127.0.0.1:9",
    config: { rateLimitPerMin: 100_000, rateLimitBurstPerS: 10_000 },
  });
  process.env.CHEKT_API_BASE_URL = sim.url;
  const linkId = await seedDealerLink(db.url, { key: "acme-security", chektDealerId: 1, secret: null });
  dealer = { id: linkId, chektDealerId: 1 };
  picks = await seedTestOutcomes(linkId);
  sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
}, 120_000);

afterAll(() => closeDeskWorld({ sim, sql, db }));

describe("a 404 on answering is checked against CHeKT before the item is called expired", () => {
  it("a 404 while the alarm is still open in CHeKT: not expired, nothing recorded, the operator is told", async () => {
    const v = await raise(2);
    // Our row names another of the dealer's sites, so CHeKT's PATCH answers 404 for this verification.
    await sql.query(`UPDATE verifications SET site_id = 3 WHERE id = $1`, [v.verification_id]);
    const answer = await import("@/lib/verifications/answer");
    const attempt = answer.answerVerification(await ctxFor(bob), dealer, bob, {
      id: v.verification_id,
      action: "dispatch",
      contactId: v.contact_id,
      outcomeId: picks.dispatch,
      checkedSteps: [],
    });
    await expect(attempt).rejects.toMatchObject({
      code: "not_found_open",
      message: expect.stringMatching(/still open there\. Nothing was recorded/),
    });
    const row = (
      await sql.query(`SELECT state::text, claimed_by_id, answer_error FROM verifications WHERE id = $1`, [
        v.verification_id,
      ])
    ).rows[0];
    expect(row).toMatchObject({ state: "claimed", claimed_by_id: bob.id });
    expect(row.answer_error).toMatch(/^CHeKT 404/);
    const simV = (
      (await (await fetch(`${sim.url}/_sim/verifications`)).json()) as { verification_id: string; answer: unknown }[]
    ).find((x) => x.verification_id === v.verification_id);
    expect(simV?.answer ?? null).toBeNull();
    const actions = (await sql.query(`SELECT action FROM audit_log WHERE chekt_id = $1`, [v.verification_id])).rows.map(
      (r) => r.action,
    );
    expect(actions).not.toContain("verifications.expire");
  });
});
