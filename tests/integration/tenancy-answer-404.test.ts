// A finding of issue 13 (docs/roles.md, "Findings and the tests that close them"): a 404 on
// answering was always taken as "expired". Now the alarm is read from CHeKT first; this file pins
// the branch verifications-answer.test.ts does not reach: CHeKT answers the PATCH with 404 while
// the alarm is still open there, and the item must stay claimed, nothing recorded, the operator told.
// The real simulator over HTTP and real Postgres; the 404 comes from the simulator itself (the
// verification asked for under another site of the dealer, which CHeKT answers 404).
import { describe, expect, it } from "vitest";
import { answerInput } from "../support/desk-alarms";
import { deskFile } from "../support/desk-file";

const bob = { id: "u_tf_bob", name: "Bob Operator", email: "bob@example.test" };

const desk = deskFile();

describe("a 404 on answering is checked against CHeKT before the item is called expired", () => {
  it("a 404 while the alarm is still open in CHeKT: not expired, nothing recorded, the operator is told", async () => {
    const v = await desk.raise(2);
    // Our row names another of the dealer's sites, so CHeKT's PATCH answers 404 for this verification.
    await desk.sql.query(`UPDATE verifications SET site_id = 3 WHERE id = $1`, [v.verification_id]);
    const answer = await import("@/lib/verifications/answer");
    const attempt = answer.answerVerification(
      await desk.ctxFor(bob),
      desk.dealer,
      bob,
      answerInput(v, "dispatch", desk.picks.dispatch),
    );
    await expect(attempt).rejects.toMatchObject({
      code: "not_found_open",
      message: expect.stringMatching(/still open there\. Nothing was recorded/),
    });
    const row = (
      await desk.sql.query(`SELECT state::text, claimed_by_id, answer_error FROM verifications WHERE id = $1`, [
        v.verification_id,
      ])
    ).rows[0];
    expect(row).toMatchObject({ state: "claimed", claimed_by_id: bob.id });
    expect(row.answer_error).toMatch(/^CHeKT 404/);
    expect(await desk.simAnswerOf(v.verification_id)).toBeNull();
    const actions = (
      await desk.sql.query(`SELECT action FROM audit_log WHERE chekt_id = $1`, [v.verification_id])
    ).rows.map((r) => r.action);
    expect(actions).not.toContain("verifications.expire");
  });
});
