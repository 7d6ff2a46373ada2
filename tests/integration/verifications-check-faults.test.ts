// "Check with CHeKT" (lib/verifications/answer.ts checkStoredAnswer) when CHeKT does not answer the
// alarm read well, against real Postgres and the real simulator over HTTP: a 429, a 5xx or a dropped
// connection tells the operator we could not check and records nothing; an alarm closed some other
// way is said so, nothing recorded; and a resend CHeKT takes while the check is reading the alarm
// keeps its answer (the check's stale "still open" no longer forgets the answer just recorded).
import { beforeAll, describe, expect, it } from "vitest";
import { alice, answerInput, type RaisedVerification } from "../support/desk-alarms";
import { deskFile } from "../support/desk-file";
import { clearSimFaults, simFault, simFaultRules, simResolveAlarm } from "../support/sim-world";
import { until } from "../support/until";

let answer: typeof import("@/lib/verifications/answer");
const desk = deskFile({ faults: true });

const PATCH_PATH = "/partner/v1/dealers/*/sites/*/alarm-verifications/*";
const ALARM_PATH = "/v1/alarms/*";

const sendDispatch = async (v: RaisedVerification) =>
  answer.answerVerification(
    await desk.ctxFor(alice),
    desk.dealer,
    alice,
    answerInput(v, "dispatch", desk.picks.dispatch),
  );
const check = async (v: RaisedVerification) =>
  answer.checkStoredAnswer(await desk.ctxFor(alice), desk.dealer, alice, v.verification_id);

async function row(id: string) {
  return (
    await desk.sql.query(
      `SELECT state::text, answer_action, answer_idempotency_key, answered_at FROM verifications WHERE id = $1`,
      [id],
    )
  ).rows[0];
}

async function answerAudits(id: string): Promise<number> {
  return (
    await desk.sql.query(
      `SELECT 1 FROM audit_log WHERE chekt_id = $1 AND outcome = 'success'
        AND action IN ('verifications.dispatch', 'verifications.disregard')`,
      [id],
    )
  ).rowCount!;
}

/** A dispatch CHeKT never took (a 503 before it acts): the item claimed, the answer stored, "retrying". */
async function storedDispatch(siteId: number) {
  const v = await desk.raise(siteId);
  await simFault(desk.sim.url, { path: PATCH_PATH, method: "PATCH", rate_5xx: 1, status_5xx: 503 });
  expect((await sendDispatch(v)).outcome).toBe("retrying");
  await clearSimFaults(desk.sim.url);
  const stored = await row(v.verification_id);
  expect(stored).toMatchObject({ state: "claimed", answer_action: "dispatch" });
  return { v, stored };
}

beforeAll(async () => {
  answer = await import("@/lib/verifications/answer");
}, 120_000);

describe("the alarm read fails", () => {
  it.each([
    ["a 429", { rate_429: 1 }],
    ["a 503", { rate_5xx: 1, status_5xx: 503 }],
    ["a 500", { rate_5xx: 1, status_5xx: 500 }],
    ["a dropped connection", { drop_rate: 1 }],
  ])("%s: 'We could not check with CHeKT', nothing recorded, the stored answer kept", async (_, fault) => {
    const { v, stored } = await storedDispatch(1);
    await simFault(desk.sim.url, { path: ALARM_PATH, method: "GET", ...fault });
    await expect(check(v)).rejects.toMatchObject({
      code: "check_failed",
      message: expect.stringMatching(/^We could not check with CHeKT: ./),
    });
    expect(await row(v.verification_id)).toEqual(stored);
    expect(await answerAudits(v.verification_id)).toBe(0);
    expect(await desk.simAnswerOf(v.verification_id)).toBeNull();
  });
});

describe("the alarm was closed some other way", () => {
  it("resolved in CHeKT while a dispatch is stored: said so, nothing recorded", async () => {
    const { v, stored } = await storedDispatch(2);
    await simResolveAlarm(desk.sim.url, v.alarm_id);
    const out = await check(v);
    expect(out).toEqual({
      recorded: false,
      message:
        "The alarm is resolved in CHeKT, which does not match the dispatch: it was answered or resolved elsewhere.",
    });
    expect(await row(v.verification_id)).toEqual(stored);
    expect(await answerAudits(v.verification_id)).toBe(0);
  });
});

describe("a resend lands while the check reads the alarm", () => {
  it("the answer recorded keeps what CHeKT took; the operator is told it is answered", async () => {
    const { v, stored } = await storedDispatch(3);
    // The read sees the alarm still open; its reply is held back while the operator's resend lands.
    await simFault(desk.sim.url, { path: ALARM_PATH, method: "GET", delay_ms: 2_500, when: "after", count: 1 });
    const checking = check(v);
    await until(
      async () => {
        const faults = await simFaultRules(desk.sim.url);
        return faults[0]?.matched === 1;
      },
      () => "the check's alarm read to reach CHeKT",
    );
    expect(await sendDispatch(v)).toMatchObject({ outcome: "answered", state: "dispatched" });
    const checked = await checking;
    const after = await row(v.verification_id);
    expect(after).toMatchObject({
      state: "dispatched",
      answer_action: "dispatch",
      answer_idempotency_key: stored.answer_idempotency_key,
      answered_at: stored.answered_at,
    });
    const held = await desk.simAnswerOf(v.verification_id);
    expect(new Date(held!.responded_at).getTime()).toBe(after.answered_at.getTime());
    expect(await answerAudits(v.verification_id)).toBe(1);
    // Told what holds now: answered (or, had the read come back first, not yet recorded).
    expect(checked.message).toMatch(/^Already dispatched by Alice Operator at |^CHeKT has not recorded the dispatch/);
  });
});
