// Answers sent at the same moment, against real Postgres and the real simulator over HTTP: a double
// click or a second tab sends the same dispatch twice, two operators press at once, one operator
// sends dispatch in one tab and disregard in another, and an admin takes the claim over while the
// holder's answer is on its way to CHeKT. Judged by what CHeKT holds (the simulator's store and its
// request log) and by our row and audit: one answer at CHeKT, one success row, the other sender told
// who answered and when.
import { beforeAll, describe, expect, it } from "vitest";
import { ada as admin, alice, bob, answerInput, type RaisedVerification } from "../support/desk-alarms";
import { deskFile } from "../support/desk-file";
import { clearSimFaults, clearSimStats, simFault, simRequestLog } from "../support/sim-world";
import { until } from "../support/until";

let answer: typeof import("@/lib/verifications/answer");
let claims: typeof import("@/lib/verifications/claims");
const desk = deskFile({ faults: true });

const PATCH_PATH = "/partner/v1/dealers/*/sites/*/alarm-verifications/*";
/** "Already dispatched by Alice Operator at 2026-12-03 14:34:52 UTC." */
const alreadyBy = (state: string, name: string) =>
  new RegExp(`^Already ${state} by ${name} at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\.$`);

type Who = typeof alice;
const send = async (who: Who, v: RaisedVerification, action: "dispatch" | "disregard") =>
  answer.answerVerification(await desk.ctxFor(who), desk.dealer, who, answerInput(v, action, desk.picks[action]));

async function row(id: string) {
  return (
    await desk.sql.query(
      `SELECT state::text, answered_by_name, answered_at, answer_action, claimed_by_name FROM verifications
        WHERE id = $1`,
      [id],
    )
  ).rows[0];
}

/** The success rows of answers (verifications.dispatch / .disregard) of one verification. */
async function answerAudits(id: string) {
  return (
    await desk.sql.query(
      `SELECT action, user_email FROM audit_log WHERE chekt_id = $1
        AND action IN ('verifications.dispatch', 'verifications.disregard') AND outcome = 'success' ORDER BY id`,
      [id],
    )
  ).rows;
}

/** The statuses CHeKT answered the answer PATCHes with since the simulator's log was last cleared. */
async function patchStatuses(): Promise<number[]> {
  const log = await simRequestLog(desk.sim.url);
  return log
    .filter(([, route]) => route.startsWith("PATCH ") && route.includes("alarm-verifications"))
    .map((e) => e[2]);
}

const answerChecked = async (who: Who, v: RaisedVerification) =>
  answer.checkStoredAnswer(await desk.ctxFor(who), desk.dealer, who, v.verification_id);

const settle = <T>(ps: Promise<T>[]) => Promise.allSettled(ps);
const fulfilled = <T>(rs: PromiseSettledResult<T>[]) => rs.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
const rejected = <T>(rs: PromiseSettledResult<T>[]) =>
  rs.flatMap((r): { code?: string; message: string }[] => (r.status === "rejected" ? [r.reason] : []));

beforeAll(async () => {
  answer = await import("@/lib/verifications/answer");
  claims = await import("@/lib/verifications/claims");
}, 120_000);

describe("two dispatches of one alarm at once", () => {
  it("a double click (a second tab): one success, CHeKT holds one answer, the second told who and when", async () => {
    const v = await desk.raise(1);
    await clearSimStats(desk.sim.url);
    const results = await settle([send(alice, v, "dispatch"), send(alice, v, "dispatch")]);
    expect(fulfilled(results)).toEqual([expect.objectContaining({ outcome: "answered", state: "dispatched" })]);
    expect(rejected(results)).toEqual([
      expect.objectContaining({
        code: "answered",
        message: expect.stringMatching(alreadyBy("dispatched", alice.name)),
      }),
    ]);
    expect(await answerAudits(v.verification_id)).toEqual([
      { action: "verifications.dispatch", user_email: alice.email },
    ]);
    const r = await row(v.verification_id);
    expect(r).toMatchObject({ state: "dispatched", answered_by_name: alice.name, answer_action: "dispatch" });
    // CHeKT: the same request at most twice (the second a replay under the same Idempotency-Key), each taken.
    const statuses = await patchStatuses();
    expect(statuses.length).toBeGreaterThanOrEqual(1);
    expect(statuses.length).toBeLessThanOrEqual(2);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const held = await desk.simAnswerOf(v.verification_id);
    expect(held).toMatchObject({ action: "dispatch", contact_id: v.contact_id });
    expect(new Date(held!.responded_at).getTime()).toBe(r.answered_at.getTime());
  });

  it("two operators at once: one answers, the other is refused by name; one success row", async () => {
    const v = await desk.raise(2);
    const results = await settle([send(alice, v, "dispatch"), send(bob, v, "dispatch")]);
    const [won] = fulfilled(results);
    expect(won).toMatchObject({ outcome: "answered", state: "dispatched" });
    const r = await row(v.verification_id);
    const winner = r.answered_by_name === alice.name ? alice : bob;
    const [lost] = rejected(results);
    // The loser met the claim (still being answered) or the answer: either way, named.
    expect(lost.message).toMatch(
      new RegExp(`^Claimed by ${winner.name}\\.$|${alreadyBy("dispatched", winner.name).source}`),
    );
    expect(await answerAudits(v.verification_id)).toEqual([
      { action: "verifications.dispatch", user_email: winner.email },
    ]);
    expect(await desk.simAnswerOf(v.verification_id)).toMatchObject({ action: "dispatch" });
  });
});

describe("dispatch and disregard from two tabs at once", () => {
  it("one wins, the other is refused; what we store is what CHeKT holds", async () => {
    const v = await desk.raise(3);
    const results = await settle([send(alice, v, "dispatch"), send(alice, v, "disregard")]);
    const [won] = fulfilled(results);
    expect(won).toMatchObject({ outcome: "answered" });
    const [lost] = rejected(results);
    expect(lost.message).toMatch(/answer is already stored for this alarm|^Already (dispatched|disregarded) by/);
    const r = await row(v.verification_id);
    const held = await desk.simAnswerOf(v.verification_id);
    expect(held).not.toBeNull();
    expect(r.state).toBe(held!.action === "dispatch" ? "dispatched" : "disregarded");
    expect(won).toMatchObject({ state: r.state });
    expect(r.answer_action).toBe(held!.action);
    expect(await answerAudits(v.verification_id)).toEqual([
      { action: `verifications.${held!.action}`, user_email: alice.email },
    ]);
  });
});

describe("an admin takes the claim over while the holder's answer is on its way", () => {
  it("the answer CHeKT accepted is recorded as the holder's; the admin's own answer is then refused", async () => {
    const v = await desk.raise(4);
    // CHeKT applies the PATCH, then holds its reply back: the takeover lands in between.
    await simFault(desk.sim.url, { path: PATCH_PATH, method: "PATCH", delay_ms: 2_500, when: "after", count: 1 });
    const onItsWay = send(alice, v, "dispatch");
    await until(
      async () => (await desk.simAnswerOf(v.verification_id)) !== null,
      () => "CHeKT to apply the PATCH",
    );
    const adaCtx = await desk.ctxFor(admin);
    const took = await adaCtx.commit(
      { action: "verifications.takeover", chektId: v.verification_id, dealerLinkId: desk.dealer.id },
      (tx) => claims.takeOverInTx(tx, desk.dealer, v.verification_id, admin),
    );
    expect(took).toEqual({ previous: alice.name });
    expect(await onItsWay).toMatchObject({ outcome: "answered", state: "dispatched" });
    const r = await row(v.verification_id);
    expect(r).toMatchObject({ state: "dispatched", answered_by_name: alice.name, answer_action: "dispatch" });
    expect(await answerAudits(v.verification_id)).toEqual([
      { action: "verifications.dispatch", user_email: alice.email },
    ]);
    await expect(send(admin, v, "dispatch")).rejects.toMatchObject({
      code: "answered",
      message: expect.stringMatching(alreadyBy("dispatched", alice.name)),
    });
    expect(new Date((await desk.simAnswerOf(v.verification_id))!.responded_at).getTime()).toBe(r.answered_at.getTime());
  });

  it.each([
    ["checks with CHeKT", (v: RaisedVerification) => answerChecked(admin, v)],
    ["sends the same dispatch (a replay of its key)", (v: RaisedVerification) => send(admin, v, "dispatch")],
  ])(
    "the holder's reply was lost and the admin took over, then %s: recorded as the holder's dispatch",
    async (_, record) => {
      const v = await desk.raise(1);
      // CHeKT applies the holder's dispatch, and every reply to it is lost (a 503 instead).
      await simFault(desk.sim.url, { path: PATCH_PATH, method: "PATCH", rate_5xx: 1, status_5xx: 503, when: "after" });
      expect((await send(alice, v, "dispatch")).outcome).toBe("retrying");
      await clearSimFaults(desk.sim.url);
      const adaCtx = await desk.ctxFor(admin);
      await adaCtx.commit({ action: "verifications.takeover", chektId: v.verification_id }, (tx) =>
        claims.takeOverInTx(tx, desk.dealer, v.verification_id, admin),
      );
      // The holder's own resend now meets the admin's claim.
      await expect(send(alice, v, "dispatch")).rejects.toThrow(`Claimed by ${admin.name}.`);
      await record(v);
      const r = await row(v.verification_id);
      expect(r).toMatchObject({ state: "dispatched", answered_by_name: alice.name, answer_action: "dispatch" });
      expect(new Date((await desk.simAnswerOf(v.verification_id))!.responded_at).getTime()).toBe(
        r.answered_at.getTime(),
      );
      // The admin recorded it (the audit row is theirs) and the row says whose answer it was.
      const audit = (
        await desk.sql.query(
          `SELECT user_email, after FROM audit_log WHERE chekt_id = $1 AND action = 'verifications.dispatch'
            AND outcome = 'success'`,
          [v.verification_id],
        )
      ).rows;
      expect(audit).toEqual([{ user_email: admin.email, after: expect.objectContaining({ answeredBy: alice.name }) }]);
    },
  );
});
