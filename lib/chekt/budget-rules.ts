import { BUDGET_CLASSES, type BudgetClass } from "./budget-class";
import { resetAtMs } from "./rate-limit";

/**
 * The rules of the shared CHeKT call budget, as pure functions over one credential's bucket
 * state. Both stores (budget-store.ts in memory, budget-pg.ts in Postgres) apply exactly these,
 * so the class reserves and the corrections from CHeKT's headers exist once.
 *
 * CHeKT's limit is a token bucket per credential (docs/chekt-client.md): `burst` tokens at
 * most, refilled at `perMin` a minute. Ours mirrors it, and a call of class C may take a token
 * only while, after taking it, `CLASS_RESERVE[C] × burst` tokens stay free for the classes above —
 * while one of those is active (took or asked for a token in the last RESERVE_HOLD_MS). While none
 * is, C leaves only IDLE_RESERVE_TOKENS: a reserve nobody is about to use is burst thrown away.
 */

export type BudgetLimits = { perMin: number; burst: number };

/** CHeKT's free tier: 60 calls a minute, bursts of 5. */
export const FREE_TIER: BudgetLimits = { perMin: 60, burst: 5 };

/**
 * What a client built without limits (tests, scripts) assumes until CHeKT's first answer says
 * otherwise: as good as no limit, so nothing is held back on a guess.
 */
export const ASSUMED_LIMITS: BudgetLimits = { perMin: 600_000, burst: 10_000 };

/**
 * Share of the bucket each class leaves free for the classes above it. Answers may take the last
 * token; background sync goes only while more than half the bucket is free, bulk jobs above a
 * quarter. The steps between keep interactive work ahead of bulk and sync without starving
 * either: a reserve delays a class by `reserve × burst / rate` seconds, it never stops it.
 */
export const CLASS_RESERVE: Record<BudgetClass, number> = {
  answer: 0,
  write: 0.05,
  snapshot: 0.1,
  read: 0.2,
  bulk: 0.25,
  sync: 0.5,
};

/**
 * A class's full reserve binds for this long after a call of a higher class took or asked for a
 * token: an operator's answer, a save, a refresh come in runs (claim, dispatch, re-read), and the
 * rest of the run finds its tokens. 5 s is five refills on the free tier.
 */
export const RESERVE_HOLD_MS = 5_000;

/**
 * While no higher class is active, a lower one still leaves this many tokens (never more than its
 * full reserve): the first answer or save after a quiet spell goes at once, and from then on its
 * class is active and the full reserve binds again.
 */
export const IDLE_RESERVE_TOKENS = 1;

/**
 * CHeKT counts a call when it arrives, after we took its token. A full bucket refills nothing, so
 * the moment it stops being full decides when refill starts: ours would start up to one request's
 * travel time before CHeKT's, and a call timed to the last token would meet a 429. A take from a
 * full bucket therefore starts our refill this much later.
 */
export const FULL_BUCKET_LAG_MS = 200;

/**
 * A call refused in-process marks its class waiting until its wait is over plus this: the waiter
 * asks again within POLL_MS of its token (budget.ts), and lower classes hold off until then.
 */
export const WAITING_TTL_MS = 600;
/**
 * A call handed back to the form ("sending in N s") marks its class waiting until the wait it was
 * told plus this: the countdown firing and the server action's round trip on a busy machine. Lower
 * classes (a mirror sweep) hold off until the resend is back, instead of taking the token the
 * moment it refills and handing the form back again, every time, at a low limit.
 */
export const HANDBACK_GRACE_MS = 3_000;

export type BucketState = {
  perMin: number;
  burst: number;
  tokens: number;
  /** Epoch ms `tokens` was computed at. */
  atMs: number;
  /** Nobody sends before this: a 429's Retry-After. */
  blockedUntilMs: number;
  /**
   * Per class, in BUDGET_CLASSES order: lower classes hold off until this epoch ms, set by a refused
   * or handed-back call of the class and cleared by its take (0 = none).
   */
  waitingUntilMs: number[];
  /** Per class, in BUDGET_CLASSES order: when a call of that class last took or asked for a token (0 = never). */
  activeAtMs: number[];
  /** Tokens ever taken: a ticket keeps the count at its take, so an answer knows how many calls went out after it. */
  taken: number;
  /** False while the limits are ASSUMED_LIMITS and the real ones are still to be read from headers. */
  learned: boolean;
};

export function initialState(limits: BudgetLimits, learned: boolean, now: number): BucketState {
  const perClass = () => BUDGET_CLASSES.map(() => 0);
  return {
    perMin: limits.perMin,
    burst: limits.burst,
    tokens: limits.burst,
    atMs: now,
    blockedUntilMs: 0,
    waitingUntilMs: perClass(),
    activeAtMs: perClass(),
    taken: 0,
    learned,
  };
}

const rank = (cls: BudgetClass) => BUDGET_CLASSES.indexOf(cls);
const perMs = (s: BucketState) => s.perMin / 60_000;

/** Adds the tokens refilled since `atMs`. A clock behind the row's (another instance's) adds nothing. */
export function refill(s: BucketState, now: number): void {
  if (now > s.atMs) {
    s.tokens = Math.min(s.burst, s.tokens + (now - s.atMs) * perMs(s));
    s.atMs = now;
  }
}

/** Whether a class above `cls` took or asked for a token within RESERVE_HOLD_MS before `now`. */
export function higherActive(s: BucketState, cls: BudgetClass, now: number): boolean {
  for (let h = 0; h < rank(cls); h++) {
    const at = s.activeAtMs[h] ?? 0;
    if (at > 0 && at > now - RESERVE_HOLD_MS) return true;
  }
  return false;
}

/** Tokens that must be in the bucket before a call of `cls` may take one at `now`. */
export function tokensNeeded(s: BucketState, cls: BudgetClass, now: number): number {
  const full = CLASS_RESERVE[cls] * s.burst;
  const reserve = higherActive(s, cls, now) ? full : Math.min(full, IDLE_RESERVE_TOKENS);
  return Math.min(s.burst, 1 + reserve);
}

export type TakeDecision =
  | { ok: true; tokensLeft: number; takenSeq: number }
  | { ok: false; waitMs: number; why: "blocked" | "reserve" | "higher_waiting" };

/** Marks `cls` waiting until `untilMs` (a later mark of the class stays): lower classes hold off until then. */
export function markWaiting(s: BucketState, cls: BudgetClass, untilMs: number): boolean {
  const r = rank(cls);
  if ((s.waitingUntilMs[r] ?? 0) >= untilMs) return false;
  s.waitingUntilMs[r] = untilMs;
  return true;
}

/** The latest future waiting mark of a class above `cls` (0 = none holds it off). */
function higherWaitingUntil(s: BucketState, cls: BudgetClass, now: number): number {
  let until = 0;
  for (let h = 0; h < rank(cls); h++) {
    const at = s.waitingUntilMs[h] ?? 0;
    if (at > now) until = Math.max(until, at);
  }
  return until;
}

/** Whether a call of class `cls` may go now. Mutates `s` (a take, or the waiting mark of a refusal). */
export function decideTake(s: BucketState, cls: BudgetClass, now: number, mark = true): TakeDecision {
  refill(s, now);
  const r = rank(cls);
  const refuse = (waitMs: number, why: "blocked" | "reserve" | "higher_waiting"): TakeDecision => {
    const wait = Math.max(1, Math.ceil(waitMs));
    if (mark) markWaiting(s, cls, now + wait + WAITING_TTL_MS);
    return { ok: false, waitMs: wait, why };
  };
  // Held off by a class above: the same mark every poll until it changes, so a poll writes nothing
  // new (budget-pg.ts skips the write); asking is not counted as activity, the higher class's is.
  const higherUntil = higherWaitingUntil(s, cls, now);
  if (s.blockedUntilMs <= now && higherUntil > 0) return refuse(higherUntil - now, "higher_waiting");
  // Asking counts as activity: lower classes keep their full reserve for this class from now on.
  if (mark) s.activeAtMs[r] = now;
  if (s.blockedUntilMs > now) return refuse(s.blockedUntilMs - now, "blocked");
  const need = tokensNeeded(s, cls, now);
  if (s.tokens >= need) {
    if (s.tokens >= s.burst) s.atMs = Math.max(s.atMs, now + FULL_BUCKET_LAG_MS);
    s.tokens -= 1;
    s.taken += 1;
    // Served: lower classes need not hold off for this class any more (another waiter of it marks again).
    if (mark) s.waitingUntilMs[r] = 0;
    return { ok: true, tokensLeft: s.tokens, takenSeq: s.taken };
  }
  // Refill starts at atMs (later than now after a take from a full bucket).
  return refuse(Math.max(0, s.atMs - now) + (need - s.tokens) / perMs(s), "reserve");
}

/** The wait a call of `cls` would meet now, without taking or marking anything. */
export function estimateWait(s: BucketState, cls: BudgetClass, now: number): number {
  const copy = { ...s, waitingUntilMs: [...s.waitingUntilMs], activeAtMs: [...s.activeAtMs] };
  const d = decideTake(copy, cls, now, false);
  return d.ok ? 0 : d.waitMs;
}

/** A 429 said "not before `untilMs`": every class of every instance waits. */
export function block(s: BucketState, untilMs: number): void {
  s.blockedUntilMs = Math.max(s.blockedUntilMs, untilMs);
  s.tokens = Math.min(s.tokens, 0);
}

export type RateHeaders = { limit?: number; remaining?: number; resetAtMs?: number };

/** X-RateLimit-Limit / -Remaining / -Reset of one answer (missing or malformed ones left out). */
export function readRateHeaders(h: Headers, now: number): RateHeaders {
  const int = (name: string) => {
    const raw = h.get(name)?.trim();
    return raw && /^\d+$/.test(raw) ? Number(raw) : undefined;
  };
  const limit = int("x-ratelimit-limit");
  return {
    limit: limit !== undefined && limit > 0 ? limit : undefined,
    remaining: int("x-ratelimit-remaining"),
    resetAtMs: resetAtMs(h.get("x-ratelimit-reset"), now) ?? undefined,
  };
}

/**
 * Corrects the bucket from the headers of the answer to a call taken at `takenSeq` and sent at
 * `sentAtMs`. CHeKT's Remaining was counted when that call arrived, before the calls taken after
 * it (`s.taken − takenSeq`, on any instance) reached CHeKT; those are subtracted. Our count is
 * changed only when it is off by more than a token (CHeKT floors its count, and refills while the
 * answer travels), so agreeing models never fight. Returns whether anything changed.
 */
export function correct(
  s: BucketState,
  h: RateHeaders,
  ctx: { now: number; sentAtMs: number; takenSeq: number },
): boolean {
  if (h.limit === undefined && h.remaining === undefined) return false;
  // Refilled before the snapshot: time passing alone is no change worth a write (any reader
  // refills the same way), so answers that agree with our count cost no round trip.
  refill(s, ctx.now);
  const before = JSON.stringify(s);
  if (h.limit !== undefined && h.limit !== s.perMin) {
    // The tier changed (or the configuration was wrong): the burst moves with the rate, but no
    // higher than CHeKT's count shows (never guess a bigger bucket); later answers raise it.
    if (s.learned) {
      const scaled = Math.max(1, Math.round((s.burst * h.limit) / s.perMin));
      s.burst = h.remaining !== undefined ? Math.min(scaled, h.remaining + 1) : scaled;
    }
    s.perMin = h.limit;
  }
  if (!s.learned) {
    // Limits were assumed: the bucket is at least what CHeKT still had before this call.
    if (h.remaining !== undefined) s.burst = Math.max(1, h.remaining + 1);
    // Without a Limit header, the rate is what fills the bucket by Reset.
    if (h.limit === undefined && h.remaining !== undefined && h.resetAtMs !== undefined && h.resetAtMs > ctx.now) {
      s.perMin = (Math.max(1, s.burst - h.remaining) / (h.resetAtMs - ctx.now)) * 60_000;
    }
    s.learned = true;
  } else if (h.remaining !== undefined && h.remaining + 1 > s.burst) {
    s.burst = h.remaining + 1; // a bigger burst than configured (a higher tier)
  }
  if (h.remaining !== undefined) {
    const adjusted = h.remaining - Math.max(0, s.taken - ctx.takenSeq);
    const slack = 1 + Math.max(0, ctx.now - ctx.sentAtMs) * perMs(s);
    if (s.tokens > adjusted + slack) {
      // CHeKT has fewer than we think (someone else spends this credential): CHeKT wins, counted
      // as of this answer, and refill brings the next token back. Reset blocks nothing: in a token
      // bucket it is when the bucket is full again (the simulator's rate-limit.ts), long after
      // one token is back; only a 429's Retry-After holds everyone (block).
      s.tokens = Math.max(0, adjusted);
      s.atMs = ctx.now;
    } else if (adjusted > s.tokens + 1) {
      s.tokens = adjusted; // CHeKT has more (its window reset, or a higher tier)
    }
  }
  s.tokens = Math.min(s.tokens, s.burst);
  return JSON.stringify(s) !== before;
}
