// A finding of issue 13 (docs/roles.md, "Findings and the tests that close them"): a 404 on
// answering was always taken as "expired". Now the alarm is read from CHeKT first; this file pins
// the branch verifications-answer.test.ts does not reach: CHeKT answers the PATCH with 404 while
// the alarm is still open there, and the item must stay claimed, nothing recorded, the operator told.
// The real simulator over HTTP and real Postgres; the 404 comes from the simulator itself (the
// verification asked for under another site of the dealer, which CHeKT answers 404).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type pg from "pg";
import type { RunningSimulator } from "@/simulator/server";
import {
  actionCtxFor as ctxFor,
  answerInput,
  closeDeskWorld,
  raiseAndDeliver,
  simAnswerOf,
  startDeskWorld,
  type DeskDealer,
  type DeskWorld,
} from "../support/desk-alarms";
import type { OutcomePicks } from "./desk-outcomes-helpers";

let world: DeskWorld;
let sim: RunningSimulator;
let sql: pg.Client;
let picks: OutcomePicks;
let dealer: DeskDealer;
const bob = { id: "u_tf_bob", name: "Bob Operator", email: "bob@example.test" };

const raise = (siteId: number) => raiseAndDeliver(sim.url, siteId);

beforeAll(async () => {
  ({ sim, sql, dealer, picks } = world = await startDeskWorld());
}, 120_000);

afterAll(() => closeDeskWorld(world));

describe("a 404 on answering is checked against CHeKT before the item is called expired", () => {
  it("a 404 while the alarm is still open in CHeKT: not expired, nothing recorded, the operator is told", async () => {
    const v = await raise(2);
    // Our row names another of the dealer's sites, so CHeKT's PATCH answers 404 for this verification.
    await sql.query(`UPDATE verifications SET site_id = 3 WHERE id = $1`, [v.verification_id]);
    const answer = await import("@/lib/verifications/answer");
    const attempt = answer.answerVerification(
      await ctxFor(bob),
      dealer,
      bob,
      answerInput(v, "dispatch", picks.dispatch),
    );
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
    expect(await simAnswerOf(sim.url, v.verification_id)).toBeNull();
    const actions = (await sql.query(`SELECT action FROM audit_log WHERE chekt_id = $1`, [v.verification_id])).rows.map(
      (r) => r.action,
    );
    expect(actions).not.toContain("verifications.expire");
  });
});
