// An answer CHeKT accepted whose record here fails (lib/verifications/answer.ts: recordAnswer inside
// the send's try): the operator is told CHeKT has it and that sending it again is safe — the stored
// Idempotency-Key makes the resend CHeKT's replay — and the resend records it.
import { beforeAll, describe, expect, it } from "vitest";
import { alice, answerInput } from "../support/desk-alarms";
import { deskFile } from "../support/desk-file";

let answer: typeof import("@/lib/verifications/answer");
let client: typeof import("@/lib/actions/client");
let budgetWait: typeof import("@/lib/chekt/budget-wait");

const desk = deskFile();

beforeAll(async () => {
  answer = await import("@/lib/verifications/answer");
  client = await import("@/lib/actions/client");
  budgetWait = await import("@/lib/chekt/budget-wait");
}, 120_000);

describe("an answer CHeKT took whose commit here fails", () => {
  it("says CHeKT has it and a resend is safe; the resend records it once", async () => {
    const v = await desk.raise(1);
    const input = answerInput(v, "dispatch", desk.picks.dispatch);
    const ctx = await desk.ctxFor(alice);
    const failing = {
      ...ctx,
      commit: async () => {
        throw new Error("test: the commit fails");
      },
    };
    // As the action client runs it: inside the action's scope, its failure described there.
    const failure = await budgetWait.runInteractive(() =>
      answer.answerVerification(failing, desk.dealer, alice, input).then(
        () => null,
        (e: unknown) => client.toActionFailure(e),
      ),
    );
    expect(failure).toMatchObject({
      code: "not_recorded",
      message: expect.stringMatching(
        /^CHeKT accepted the change, but the console could not record it.*sending it again is safe/,
      ),
    });
    expect((await desk.simAnswerOf(v.verification_id))?.action).toBe("dispatch");
    const stored = await desk.sql.query(`SELECT state::text, answer_action FROM verifications WHERE id = $1`, [
      v.verification_id,
    ]);
    expect(stored.rows[0]).toMatchObject({ answer_action: "dispatch" });
    expect(stored.rows[0].state).not.toBe("dispatched");

    const again = await answer.answerVerification(await desk.ctxFor(alice), desk.dealer, alice, input);
    expect(again).toMatchObject({ outcome: "answered", state: "dispatched" });
    const audit = await desk.sql.query(
      `SELECT outcome FROM audit_log WHERE chekt_id = $1 AND action = 'verifications.dispatch'`,
      [v.verification_id],
    );
    expect(audit.rows.map((r) => r.outcome)).toEqual(["success"]);
  });
});
