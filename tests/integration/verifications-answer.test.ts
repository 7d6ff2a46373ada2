// Claiming and answering against the real simulator: one claim wins, the Idempotency-Key is kept
// before sending, CHeKT's 404 marks the item expired, and every step leaves an audit row.
import { beforeAll, describe, expect, it } from "vitest";
import { alice, bob, answerInput } from "../support/desk-alarms";
import { deskFile } from "../support/desk-file";

type AnswerMod = typeof import("@/lib/verifications/answer");
let answer: AnswerMod;

const desk = deskFile();

beforeAll(async () => {
  answer = await import("@/lib/verifications/answer");
}, 120_000);

describe("claim", () => {
  it("of two operators claiming at once exactly one wins; the other is told who has it", async () => {
    const v = await desk.raise(1);
    const { prisma } = await import("@/lib/db");
    const results = await Promise.allSettled(
      [alice, bob].map((u) => prisma.$transaction((tx) => answer.claimInTx(tx, desk.dealer, v.verification_id, u))),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const row = (
      await desk.sql.query(`SELECT claimed_by_id, state::text FROM verifications WHERE id = $1`, [v.verification_id])
    ).rows[0];
    const winner = row.claimed_by_id === alice.id ? alice : bob;
    expect(lost[0].reason.message).toBe(`Claimed by ${winner.name}.`);
    // The winner may claim again (idempotent); the loser still cannot answer.
    await prisma.$transaction((tx) => answer.claimInTx(tx, desk.dealer, v.verification_id, winner));
    const loser = winner === alice ? bob : alice;
    await expect(
      answer.answerVerification(
        await desk.ctxFor(loser),
        desk.dealer,
        loser,
        answerInput(v, "dispatch", desk.picks.dispatch),
      ),
    ).rejects.toThrow(/Claimed by/);
  });
});

describe("answer", () => {
  it("dispatch: PATCHes CHeKT with the stored Idempotency-Key, records the answer and an audit row", async () => {
    const v = await desk.raise(1);
    const ctx = await desk.ctxFor(alice);
    const out = await answer.answerVerification(
      ctx,
      desk.dealer,
      alice,
      answerInput(v, "dispatch", desk.picks.dispatch),
    );
    expect(out).toMatchObject({ outcome: "answered", state: "dispatched" });
    const row = (
      await desk.sql.query(
        `SELECT state::text, answered_by_name, answer_action, answer_idempotency_key, answer_contact_id, answer_trace_id
          FROM verifications WHERE id = $1`,
        [v.verification_id],
      )
    ).rows[0];
    expect(row).toMatchObject({
      state: "dispatched",
      answered_by_name: alice.name,
      answer_action: "dispatch",
      answer_contact_id: v.contact_id,
    });
    expect(row.answer_idempotency_key).toMatch(/^verif-/);
    expect((await desk.simAnswerOf(v.verification_id))?.action).toBe("dispatch");
    const audit = (
      await desk.sql.query(
        `SELECT action, outcome, trace_id, user_email FROM audit_log WHERE chekt_id = $1 ORDER BY id`,
        [v.verification_id],
      )
    ).rows;
    expect(audit.at(-1)).toMatchObject({
      action: "verifications.dispatch",
      outcome: "success",
      user_email: alice.email,
    });
    expect(audit.at(-1).trace_id).toBeTruthy();
  });

  it("a contact that is not on the site is refused with a field message and the item stays claimed", async () => {
    const v = await desk.raise(1);
    const ctx = await desk.ctxFor(alice);
    await expect(
      answer.answerVerification(ctx, desk.dealer, alice, {
        id: v.verification_id,
        action: "disregard",
        contactId: 999_999,
        outcomeId: desk.picks.disregard,
        checkedSteps: [],
      }),
    ).rejects.toThrow(/not a contact of site/);
    const row = (
      await desk.sql.query(`SELECT state::text, claimed_by_id, answer_error FROM verifications WHERE id = $1`, [
        v.verification_id,
      ])
    ).rows[0];
    expect(row).toMatchObject({ state: "claimed", claimed_by_id: alice.id });
    expect(row.answer_error).toMatch(/contact/);
  });

  it("CHeKT's 404 (already answered on CHeKT's side) marks the item expired and says so plainly", async () => {
    const v = await desk.raise(2);
    // Someone answered directly at CHeKT.
    const { chekt } = await import("@/lib/chekt");
    await chekt.request("patch", "/partner/v1/dealers/{dealerId}/sites/{siteId}/alarm-verifications/{verificationId}", {
      params: { path: { dealerId: 1, siteId: 2, verificationId: v.verification_id } },
      body: {
        verification_id: v.verification_id,
        action: "disregard",
        contact_id: v.contact_id,
        responded_at: new Date().toISOString(),
      },
    });
    const out = await answer.answerVerification(
      await desk.ctxFor(bob),
      desk.dealer,
      bob,
      answerInput(v, "dispatch", desk.picks.dispatch),
    );
    expect(out).toEqual({ outcome: "expired", message: answer.EXPIRED_MESSAGE });
    const row = (
      await desk.sql.query(`SELECT state::text, answer_error FROM verifications WHERE id = $1`, [v.verification_id])
    ).rows[0];
    expect(row.state).toBe("expired");
    expect(row.answer_error).toMatch(/^CHeKT 404/);
    const audit = (
      await desk.sql.query(`SELECT action FROM audit_log WHERE chekt_id = $1 ORDER BY id DESC LIMIT 1`, [
        v.verification_id,
      ])
    ).rows[0];
    expect(audit.action).toBe("verifications.expire");
  });

  it("cannot claim or answer an item past its deadline", async () => {
    // A minute to live, and the clock injected past it: on a loaded machine an alarm living a second could
    // reach the receiver after its deadline (stored expired at once, so the sweep below found nothing).
    const v = await desk.raise(1, 60);
    const { expires_at: deadline } = (
      await desk.sql.query<{ expires_at: Date }>(`SELECT expires_at FROM verifications WHERE id = $1`, [
        v.verification_id,
      ])
    ).rows[0]!;
    // The clock is injected: one second past the deadline, without waiting for it.
    const later = new Date(deadline.getTime() + 1000);
    const { prisma } = await import("@/lib/db");
    await expect(
      prisma.$transaction((tx) => answer.claimInTx(tx, desk.dealer, v.verification_id, alice, later)),
    ).rejects.toThrow(/expired/);
    const { expireOverdue } = await import("@/lib/verifications/expire");
    expect(await expireOverdue(later)).toBeGreaterThanOrEqual(1);
    expect(
      (await desk.sql.query(`SELECT state::text FROM verifications WHERE id = $1`, [v.verification_id])).rows[0].state,
    ).toBe("expired");
  });
});
