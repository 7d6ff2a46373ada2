// Claims as leases and answers that wait, against real Postgres and the real simulator over HTTP:
// a lease lapses after its time (clock injected, no sleeping), a heartbeat keeps it, an admin takes
// over (audited), disabling a user frees their claims, a stored answer refuses a different second
// answer, 429/503 answers come back as "retrying" with the same Idempotency-Key, the window's end
// says "may or may not" only when CHeKT may have applied it, and "check with CHeKT" reads the alarm.
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { ada as admin, alice, bob, answerInput } from "../support/desk-alarms";
import { deskFile } from "../support/desk-file";
import { clearSimFaults, simFault } from "../support/sim-world";

let claims: typeof import("@/lib/verifications/claims");
let answer: typeof import("@/lib/verifications/answer");
const LEASE_S = 20;
const desk = deskFile({
  env: { VERIFICATION_LEASE_SECONDS: String(LEASE_S), VERIFICATION_ANSWER_RETRY_SECONDS: "60" },
});

/** CHeKT's answer PATCH fails: a 429, or a 503 (`when: "after"`: CHeKT applies it, then the reply is lost). */
const failAnswers = (fault: { rate_429: 1 } | { rate_5xx: 1; status_5xx: 503; when?: "after" }) =>
  simFault(desk.sim.url, { path: "/partner/v1/dealers/*/sites/*/alarm-verifications/*", method: "PATCH", ...fault });
/** `who` answers with `action` and the dealer's first outcome of that kind. */
const answerAs = (
  ctx: Awaited<ReturnType<typeof desk.ctxFor>>,
  who: typeof alice,
  v: Parameters<typeof answerInput>[0],
  action: "dispatch" | "disregard",
  now?: () => Date,
) => answer.answerVerification(ctx, desk.dealer, who, answerInput(v, action, desk.picks[action]), now);

const row = async (id: string) =>
  (
    await desk.sql.query(
      `SELECT state::text, claimed_by_id, claimed_by_name, lease_expires_at, answer_idempotency_key, answer_action
        FROM verifications WHERE id = $1`,
      [id],
    )
  ).rows[0];
const inTx = async <T>(fn: (tx: import("@/lib/generated/prisma/client").Prisma.TransactionClient) => Promise<T>) =>
  (await import("@/lib/db")).prisma.$transaction(fn);

beforeAll(async () => {
  claims = await import("@/lib/verifications/claims");
  answer = await import("@/lib/verifications/answer");
}, 120_000);

afterEach(async () => {
  await clearSimFaults(desk.sim.url);
});

describe("claims are leases", () => {
  it("a claim holds for its lease, a heartbeat renews it, and after it lapses another operator can claim", async () => {
    const v = await desk.raise(1);
    const t0 = new Date();
    const at = (s: number) => new Date(t0.getTime() + s * 1000);
    await inTx((tx) => claims.claimInTx(tx, desk.dealer, v.verification_id, alice, t0));
    expect((await row(v.verification_id)).lease_expires_at.getTime()).toBe(at(LEASE_S).getTime());

    await expect(
      inTx((tx) => claims.claimInTx(tx, desk.dealer, v.verification_id, bob, at(LEASE_S - 1))),
    ).rejects.toThrow("Claimed by Alice Operator.");
    // The detail view's heartbeat at 15 s pushes the lease to 35 s.
    expect(await claims.renewLease(desk.dealer, v.verification_id, alice.id, at(15))).toMatchObject({ held: true });
    await expect(
      inTx((tx) => claims.claimInTx(tx, desk.dealer, v.verification_id, bob, at(LEASE_S + 1))),
    ).rejects.toThrow("Claimed by Alice Operator.");
    // Bob's heartbeat on Alice's claim holds nothing.
    expect(await claims.renewLease(desk.dealer, v.verification_id, bob.id, at(16))).toEqual({
      held: false,
      leaseExpiresAt: null,
    });

    // No heartbeat after 15 s: at 36 s the lease has lapsed and Bob may claim.
    await inTx((tx) => claims.claimInTx(tx, desk.dealer, v.verification_id, bob, at(15 + LEASE_S + 1)));
    expect(await row(v.verification_id)).toMatchObject({
      state: "claimed",
      claimed_by_id: bob.id,
      claimed_by_name: bob.name,
    });
    // Alice's late heartbeat learns the claim is gone.
    expect((await claims.renewLease(desk.dealer, v.verification_id, alice.id, at(40))).held).toBe(false);
  });

  it("the expiry sweep frees lapsed claims and announces them (NOTIFY), so every queue shows them free", async () => {
    const v = await desk.raise(1);
    const t0 = new Date();
    await inTx((tx) => claims.claimInTx(tx, desk.dealer, v.verification_id, alice, t0));
    const listen = new pg.Client({ connectionString: desk.db.url });
    await listen.connect();
    const heard: string[] = [];
    listen.on("notification", (n) => heard.push(n.payload ?? ""));
    await listen.query("LISTEN verifications");
    const { expireOverdue } = await import("@/lib/verifications/expire");
    await expireOverdue(new Date(t0.getTime() + (LEASE_S - 1) * 1000));
    expect((await row(v.verification_id)).state).toBe("claimed");
    await expireOverdue(new Date(t0.getTime() + (LEASE_S + 1) * 1000));
    expect(await row(v.verification_id)).toMatchObject({
      state: "pending",
      claimed_by_id: null,
      lease_expires_at: null,
    });
    await expect.poll(() => heard.some((p) => p.includes(v.verification_id) && p.includes('"pending"'))).toBe(true);
    await listen.end();
  });

  it("an admin takes over a claim; the audit row names the new holder and the item shows them by name", async () => {
    const v = await desk.raise(2);
    await inTx((tx) => claims.claimInTx(tx, desk.dealer, v.verification_id, alice));
    const ctx = await desk.ctxFor(admin);
    const result = await ctx.commit(
      {
        action: "verifications.takeover",
        objectKind: "verification",
        chektId: v.verification_id,
        dealerLinkId: desk.dealer.id,
        after: { claimedBy: admin.name },
      },
      (tx) => claims.takeOverInTx(tx, desk.dealer, v.verification_id, admin),
    );
    expect(result).toEqual({ previous: alice.name });
    expect(await row(v.verification_id)).toMatchObject({
      state: "claimed",
      claimed_by_id: admin.id,
      claimed_by_name: admin.name,
    });
    const audit = (
      await desk.sql.query(`SELECT action, user_email FROM audit_log WHERE chekt_id = $1 ORDER BY id DESC LIMIT 1`, [
        v.verification_id,
      ])
    ).rows[0];
    expect(audit).toMatchObject({ action: "verifications.takeover", user_email: admin.email });
    // Viewers get the claimer's name and whether it is them — never a user id.
    const { getItem } = await import("@/lib/verifications/queries");
    const seenByAlice = await getItem(v.verification_id, desk.dealer.id, 1, alice.id);
    expect(seenByAlice).toMatchObject({ state: "claimed", claimedByName: admin.name, claimedByMe: false });
    expect(JSON.stringify(seenByAlice)).not.toContain(admin.id);
    expect((await getItem(v.verification_id, desk.dealer.id, 1, admin.id))?.claimedByMe).toBe(true);
  });

  it("releaseClaimsOf (sign-out) and disabling a user free every claim they hold", async () => {
    const a = await desk.raise(1);
    const b = await desk.raise(2);
    await inTx((tx) => claims.claimInTx(tx, desk.dealer, a.verification_id, bob));
    await inTx((tx) => claims.claimInTx(tx, desk.dealer, b.verification_id, bob));
    const held = Number(
      (
        await desk.sql.query(`SELECT count(*) FROM verifications WHERE state = 'claimed' AND claimed_by_id = $1`, [
          bob.id,
        ])
      ).rows[0].count,
    );
    expect(held).toBeGreaterThanOrEqual(2);
    expect(await claims.releaseClaimsOf(bob.id)).toBe(held);
    expect((await row(a.verification_id)).state).toBe("pending");
    expect((await row(b.verification_id)).state).toBe("pending");

    // The user-disable path (lib/users/service.ts) releases inside the same transaction.
    const { prisma } = await import("@/lib/db");
    const { hashPassword } = await import("@/lib/auth/password");
    const user = await prisma.user.create({
      data: {
        email: `carol-${randomUUID()}@example.test`,
        name: "Carol Operator",
        role: "operator",
        passwordHash: await hashPassword("a long enough password 1"),
      },
    });
    await prisma.user.upsert({
      where: { email: "ada-admin@example.test" },
      create: { email: "ada-admin@example.test", name: "Ada", role: "admin", passwordHash: "x" },
      update: {},
    });
    const actor = await prisma.user.findUniqueOrThrow({ where: { email: "ada-admin@example.test" } });
    await inTx((tx) =>
      claims.claimInTx(tx, desk.dealer, a.verification_id, { id: user.id, name: user.name, email: user.email }),
    );
    await prisma.membership.createMany({
      data: [
        { userId: user.id, dealerLinkId: desk.dealer.id, role: "operator" },
        { userId: actor.id, dealerLinkId: desk.dealer.id, role: "admin" },
      ],
      skipDuplicates: true,
    });
    const { setDisabled } = await import("@/lib/users/service");
    await inTx((tx) => setDisabled(tx, { id: actor.id, isOwner: true, dealerLinkId: desk.dealer.id }, user.id, true));
    expect(await row(a.verification_id)).toMatchObject({ state: "pending", claimed_by_id: null });
  });
});

describe("answers that wait", () => {
  it("a 429 is 'retrying' with the stored key; the resend is answered once; another answer is refused", async () => {
    const v = await desk.raise(1);
    await failAnswers({ rate_429: 1 });
    const ctx = await desk.ctxFor(alice);
    const first = await answerAs(ctx, alice, v, "dispatch");
    expect(first).toMatchObject({ outcome: "retrying", reason: "CHeKT's rate limit" });
    if (first.outcome !== "retrying") throw new Error("unreachable");
    expect(first.retryInMs).toBeGreaterThanOrEqual(1000);
    const stored = await row(v.verification_id);
    expect(stored).toMatchObject({ state: "claimed", answer_action: "dispatch" });
    expect(stored.answer_idempotency_key).toMatch(/^verif-/);

    await clearSimFaults(desk.sim.url);
    const second = await answerAs(ctx, alice, v, "dispatch");
    expect(second).toMatchObject({ outcome: "answered", state: "dispatched" });
    expect((await row(v.verification_id)).answer_idempotency_key).toBe(stored.answer_idempotency_key);
    // Once the answer is stored, a second answer is refused.
    await expect(answerAs(ctx, alice, v, "disregard")).rejects.toThrow(/Already dispatched/);
  });

  it("applied by CHeKT, reply lost: the key blocks another answer, the resend replays, nothing doubles", async () => {
    const v = await desk.raise(2);
    // CHeKT applies the PATCH, then the reply is replaced by a 503 (every attempt in this call).
    await failAnswers({ rate_5xx: 1, status_5xx: 503, when: "after" });
    const ctx = await desk.ctxFor(alice);
    const first = await answerAs(ctx, alice, v, "dispatch");
    expect(first).toMatchObject({ outcome: "retrying" });
    const stored = await row(v.verification_id);
    expect(stored.answer_idempotency_key).toMatch(/^verif-/);
    await expect(answerAs(ctx, alice, v, "disregard")).rejects.toThrow(/dispatch answer is already stored/);
    await clearSimFaults(desk.sim.url);
    const again = await answerAs(ctx, alice, v, "dispatch");
    expect(again).toMatchObject({ outcome: "answered", state: "dispatched" });
    expect((await row(v.verification_id)).answer_idempotency_key).toBe(stored.answer_idempotency_key);
    expect((await desk.simAnswerOf(v.verification_id))?.action).toBe("dispatch");
  });

  it("past the retry window: 'may or may not'; 'check with CHeKT' reads the alarm and records it", async () => {
    const v = await desk.raise(3);
    await failAnswers({ rate_5xx: 1, status_5xx: 503, when: "after" });
    const ctx = await desk.ctxFor(bob);
    const first = await answerAs(ctx, bob, v, "dispatch");
    expect(first.outcome).toBe("retrying");
    // 61 s later (clock injected) the window is over.
    const late = () => new Date(Date.now() + 61_000);
    const over = await answerAs(ctx, bob, v, "dispatch", late);
    expect(over).toMatchObject({ outcome: "uncertain" });
    if (over.outcome !== "uncertain") throw new Error("unreachable");
    expect(over.message).toMatch(/may or may not have been saved/);
    await clearSimFaults(desk.sim.url);
    // CHeKT did apply it (fault "after"): the alarm is dispatched there, so the check records it.
    const checked = await answer.checkStoredAnswer(ctx, desk.dealer, bob, v.verification_id);
    expect(checked).toMatchObject({ recorded: true });
    expect((await row(v.verification_id)).state).toBe("dispatched");
  });

  it("'check with CHeKT' says 'not recorded' while the alarm is still open there", async () => {
    const v = await desk.raise(4);
    await failAnswers({ rate_5xx: 1, status_5xx: 503 });
    const ctx = await desk.ctxFor(bob);
    expect((await answerAs(ctx, bob, v, "disregard")).outcome).toBe("retrying");
    await clearSimFaults(desk.sim.url);
    const checked = await answer.checkStoredAnswer(ctx, desk.dealer, bob, v.verification_id);
    expect(checked.recorded).toBe(false);
    expect(checked.message).toMatch(/has not recorded the disregard: the alarm is still open/);
    // Not applied: the stored answer is forgotten, so the operator may send it again or answer differently.
    expect(await row(v.verification_id)).toMatchObject({
      state: "claimed",
      answer_idempotency_key: null,
      answer_action: null,
    });
    expect(await answerAs(ctx, bob, v, "dispatch")).toMatchObject({ outcome: "answered", state: "dispatched" });
  });
});
