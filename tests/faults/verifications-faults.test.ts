// Answering alarm verifications while the simulator misbehaves on exactly that call: a 429 storm,
// 10 % 5xx, 2 s delays (longer than the client's timeout), dropped connections before CHeKT acts,
// and answers lost AFTER CHeKT applied them (`when: "after"`). The invariant, judged by the
// simulator's own store: each answer lands at CHeKT exactly once with what we recorded, or the
// operator gets an error and our row does not claim it was answered — and retrying then lands it
// once (same Idempotency-Key, same responded_at), never a second, different answer.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { simVerifications } from "../support/sim-control";
import { clearSimFaults, simFault, simFaultRules } from "../support/sim-world";
import type pg from "pg";
import { errorText } from "@/lib/error-text";
import type { RunningSimulator } from "@/simulator/server";
import {
  alice,
  actionCtxFor as ctxFor,
  answerInput,
  closeDeskWorld,
  raiseAndDeliver,
  simAnswerOf,
  startDeskWorld,
  type DeskDealer,
  type DeskWorld,
  type RaisedVerification,
} from "../support/desk-alarms";
import type { OutcomePicks } from "../integration/desk-outcomes-helpers";

let world: DeskWorld;
let picks: OutcomePicks;
const PATCH_PATH = "/partner/v1/dealers/*/sites/*/alarm-verifications/*";
let sim: RunningSimulator;
let sql: pg.Client;
let dealer: DeskDealer;
let answer: typeof import("@/lib/verifications/answer");

const raise = (siteId: number) => raiseAndDeliver(sim.url, siteId, 600);

const simAnswer = (id: string) => simAnswerOf(sim.url, id);

async function ourRow(id: string) {
  return (
    await sql.query(
      `SELECT state::text AS state, answer_action, answered_at, answer_idempotency_key, answer_error
        FROM verifications WHERE id = $1`,
      [id],
    )
  ).rows[0] as {
    state: string;
    answer_action: string | null;
    answered_at: Date | null;
    answer_idempotency_key: string | null;
    answer_error: string | null;
  };
}

async function successAudits(id: string) {
  return Number(
    (
      await sql.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE chekt_id = $1
          AND action IN ('verifications.dispatch', 'verifications.disregard') AND outcome = 'success'`,
        [id],
      )
    ).rows[0].n,
  );
}

type Tally = { answeredFirstTry: number; toldThenRetried: number; landedDespiteError: number };
/** What the operator was told for each answer that did not land first time: the reason, or the error's message. */
type Told = { reason: string; retryInMs: number } | { message: string };
type Run = { tally: Tally; told: Told[]; faultsMatched: number };

/** `n` fresh verifications, raised on sites 1 and 2 in turn. */
async function raiseMany(n: number): Promise<RaisedVerification[]> {
  const raised = [];
  for (let i = 0; i < n; i++) raised.push(await raise(1 + (i % 2)));
  return raised;
}

/**
 * Answers the `raised` verifications under whatever faults are set and checks each against CHeKT's
 * store; then clears the faults and retries every one the operator was told failed.
 */
async function answerAll(raised: RaisedVerification[], action: "dispatch" | "disregard"): Promise<Run> {
  const tally: Tally = { answeredFirstTry: 0, toldThenRetried: 0, landedDespiteError: 0 };
  const told: Told[] = [];
  const pending: { v: RaisedVerification; key: string; respondedAt: Date }[] = [];
  for (const v of raised) {
    // "Failed" is what the operator is told instead of "answered": an error, or (429/5xx/dropped)
    // "retrying" with a reason, which the browser resends with the same key.
    let failed: Told | null = null;
    try {
      const out = await answer.answerVerification(
        await ctxFor(alice),
        dealer,
        alice,
        answerInput(v, action, picks[action]),
      );
      if (out.outcome === "retrying") failed = { reason: out.reason, retryInMs: out.retryInMs };
      else expect(out).toMatchObject({ outcome: "answered" });
    } catch (e) {
      failed = { message: errorText(e) };
    }
    const row = await ourRow(v.verification_id);
    const at = await simAnswer(v.verification_id);
    if (!failed) {
      // We said "answered": CHeKT has exactly our answer, recorded once on our side.
      tally.answeredFirstTry++;
      expect(row.state).toBe(action === "dispatch" ? "dispatched" : "disregarded");
      expect(at).toMatchObject({ action, contact_id: v.contact_id });
      expect(new Date(at!.responded_at).getTime()).toBe(row.answered_at!.getTime());
      expect(await successAudits(v.verification_id)).toBe(1);
    } else {
      // We said "failed": the operator sees a reason or an error, and our row does not pretend.
      told.push(failed);
      expect(row.state).toBe("claimed");
      expect(row.answer_error).toBeTruthy();
      expect(await successAudits(v.verification_id)).toBe(0);
      // CHeKT may have applied it (an answer lost after the fact): then it is exactly our answer.
      if (at) {
        tally.landedDespiteError++;
        expect(at).toMatchObject({ action, contact_id: v.contact_id });
      }
      pending.push({ v, key: row.answer_idempotency_key!, respondedAt: row.answered_at! });
    }
  }
  const rules = await simFaultRules(sim.url);
  const faultsMatched = rules.reduce((n, r) => n + r.matched, 0);
  await clearSimFaults(sim.url);
  for (const p of pending) {
    // The operator presses the button again once CHeKT is healthy.
    const out = await answer.answerVerification(
      await ctxFor(alice),
      dealer,
      alice,
      answerInput(p.v, action, picks[action]),
    );
    expect(out).toMatchObject({ outcome: "answered" });
    tally.toldThenRetried++;
    const row = await ourRow(p.v.verification_id);
    expect(row.answer_idempotency_key).toBe(p.key);
    expect(row.answered_at!.getTime()).toBe(p.respondedAt.getTime());
    const at = await simAnswer(p.v.verification_id);
    expect(at).toMatchObject({ action, contact_id: p.v.contact_id });
    expect(new Date(at!.responded_at).getTime()).toBe(p.respondedAt.getTime());
    expect(await successAudits(p.v.verification_id)).toBe(1);
  }
  return { tally, told, faultsMatched };
}

beforeAll(async () => {
  // A 1.5 s client timeout, so the simulator's 2 s delays become "no answer" for the client.
  ({ sim, sql, dealer, picks } = world = await startDeskWorld({
    dbPrefix: "chekt_bench_verif",
    env: { CHEKT_REQUEST_TIMEOUT_MS: "1500" },
    simConfig: { rateLimitPerMin: 3000, rateLimitBurstPerS: 200 },
  }));
  answer = await import("@/lib/verifications/answer");
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
}, 120_000);

afterAll(() => closeDeskWorld(world));

describe("verification answers under faults", () => {
  // Each test sets the faults it means; none left over from a test that stopped half-way.
  beforeEach(() => clearSimFaults(sim.url));

  it("a 429 storm: answers wait it out and land once", async () => {
    await simFault(sim.url, { path: PATCH_PATH, method: "PATCH", rate_429: 1, count: 6 });
    const raised = await raiseMany(4);
    const { tally, told, faultsMatched } = await answerAll(raised, "dispatch");
    // Six 429s in a row: the client's own waits absorb them for three answers; one is told to resend.
    expect(faultsMatched).toBe(6);
    expect(tally).toEqual({ answeredFirstTry: 3, toldThenRetried: 1, landedDespiteError: 0 });
    expect(told).toEqual([{ reason: "CHeKT's rate limit", retryInMs: expect.any(Number) }]);
  }, 120_000);

  it("10 % 5xx, dropped connections and 2 s delays before CHeKT acts", async () => {
    await simFault(sim.url, { path: PATCH_PATH, method: "PATCH", delay_ms: 2000, count: 3 });
    await simFault(sim.url, {
      path: PATCH_PATH,
      method: "PATCH",
      rate_5xx: 0.1,
      status_5xx: 500,
      drop_rate: 0.15,
    });
    const raised = await raiseMany(8);
    const { tally, told, faultsMatched } = await answerAll(raised, "disregard");
    // The 5xx and drop shares are random; the three 2 s delays are not, so at least those were met.
    expect(faultsMatched).toBeGreaterThanOrEqual(3);
    expect(tally.answeredFirstTry + tally.toldThenRetried).toBe(8);
    expect(told.length).toBe(tally.toldThenRetried);
    for (const t of told)
      expect(t).toMatchObject({
        reason: expect.stringMatching(
          /^(CHeKT not answering in time|CHeKT answering 500|a dropped connection to CHeKT)$/,
        ),
        retryInMs: expect.any(Number),
      });
  }, 180_000);

  it("answers lost after CHeKT applied them (when: after): never a second answer", async () => {
    // Every answer is applied, then its reply is dropped, delayed past the timeout, or a 500.
    await simFault(sim.url, { path: PATCH_PATH, method: "PATCH", drop_rate: 1, when: "after", count: 3 });
    await simFault(sim.url, {
      path: PATCH_PATH,
      method: "PATCH",
      delay_ms: 2000,
      when: "after",
      count: 3,
    });
    await simFault(sim.url, {
      path: PATCH_PATH,
      method: "PATCH",
      rate_5xx: 1,
      status_5xx: 500,
      when: "after",
      count: 3,
    });
    const raised = await raiseMany(5);
    const { tally, told, faultsMatched } = await answerAll(raised, "dispatch");
    expect(faultsMatched).toBe(9);
    expect(tally).toEqual({ answeredFirstTry: 3, toldThenRetried: 2, landedDespiteError: 2 });
    // Which fault each told answer met depends on the client's retries within its deadline; each is named.
    expect(told).toHaveLength(2);
    for (const t of told)
      expect(t).toMatchObject({
        reason: expect.stringMatching(
          /^(CHeKT not answering in time|CHeKT answering 500|a dropped connection to CHeKT)$/,
        ),
        retryInMs: expect.any(Number),
      });
    // Each of these 5 answers is at CHeKT, in its one record of the verification (never a second one).
    const ours = new Set(raised.map((v) => v.verification_id));
    const sims = (await simVerifications(sim.url)).filter((v) => ours.has(v.verification_id));
    expect(sims).toHaveLength(5);
    expect(sims.filter((v) => v.answer).length).toBe(5);
  }, 180_000);

  it("CHeKT applies but never answers until it recovers: the operator is told, the retry replays", async () => {
    await simFault(sim.url, { path: PATCH_PATH, method: "PATCH", drop_rate: 1, when: "after" });
    const raised = await raiseMany(2);
    const { tally, told, faultsMatched } = await answerAll(raised, "disregard");
    expect(tally).toEqual({ answeredFirstTry: 0, toldThenRetried: 2, landedDespiteError: 2 });
    expect(faultsMatched).toBeGreaterThanOrEqual(2);
    expect(told).toEqual([
      { reason: "a dropped connection to CHeKT", retryInMs: expect.any(Number) },
      { reason: "a dropped connection to CHeKT", retryInMs: expect.any(Number) },
    ]);
  }, 180_000);
});
