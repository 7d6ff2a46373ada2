import { createHash } from "node:crypto";
import { BUDGET_CLASSES, type BudgetClass } from "./budget-class";
import {
  ASSUMED_LIMITS,
  block,
  correct,
  estimateWait,
  HANDBACK_GRACE_MS,
  initialState,
  markWaiting,
  readRateHeaders,
  type BucketState,
  type BudgetLimits,
} from "./budget-rules";
import { MemoryBudgetStore, type BudgetStore, type Step, type UsageRow } from "./budget-store";
import { sleep } from "./rate-limit";
import { errorText } from "../error-text";

/**
 * One credential's share of CHeKT's rate limit, as seen by one process: it asks the store (shared
 * by every instance, or in memory) for a token by class, and queues this process's waiting calls
 * highest class first, so only the front one asks the store while the others wait their turn.
 * Across instances the store's waiting marks do the same (budget-rules.ts).
 */

/** Time, injectable: tests drive a fake clock instead of sleeping. */
export type BudgetClock = { now(): number; sleep(ms: number, signal?: AbortSignal): Promise<void> };
export const systemClock: BudgetClock = { now: () => Date.now(), sleep };

/**
 * A waiting call looks at the shared bucket at least this often (another instance may have given tokens back, or a
 * class above stopped waiting).
 */
export const POLL_MS = 250;

export type BudgetTicket = { cls: BudgetClass; takenSeq: number; sentAtMs: number; waitedMs: number };

export type AcquireOptions = {
  /** Epoch ms the call must be sent by; a longer wait fails at once with BudgetWaitTooLong. */
  deadline: number;
  signal?: AbortSignal;
  /** Refuse at once (nothing sent) instead of waiting longer than this: the form shows the wait and sends again. */
  refuseOverMs?: number;
  /** The class whose wait `refuseOverMs` is judged by (default: the call's). */
  judgeAs?: BudgetClass;
};

export class BudgetWaitTooLong extends Error {
  constructor(
    readonly waitMs: number,
    readonly waitedMs: number,
    /** True when refused by `refuseOverMs` (the caller prefers to say so), false when past the deadline. */
    readonly refused: boolean,
  ) {
    super(
      `CHeKT call budget: a wait of ${waitMs} ms ` +
        `${refused ? "is longer than this call waits" : "does not fit in the deadline"}`,
    );
  }
}

/** What the Settings panel shows for one credential. */
export type BudgetView = {
  credential: string;
  perMin: number;
  burst: number;
  tokens: number;
  blockedForMs: number;
  /** Classes that would wait now, with how long. */
  waits: Record<BudgetClass, number>;
  usage: UsageRow[];
};

/**
 * The key a credential's budget is stored under: the partner client id, or a hash of a /v1 API
 * key (never the key itself: the table is readable by operators and in backups).
 */
export function credentialKey(
  auth:
    | { type: "client_secret" | "private_key_jwt"; clientId: string }
    | { type: "api_key"; apiKey: string }
    | { type: "none" },
): string {
  if (auth.type === "api_key") return `key:${createHash("sha256").update(auth.apiKey).digest("hex").slice(0, 24)}`;
  if (auth.type === "none") return "none";
  return `client:${auth.clientId}`;
}

type Waiter = { rank: number; seq: number; wake: () => void };

export type CallBudgetOptions = {
  /** The tier (configuration); omitted = ASSUMED_LIMITS, learned from CHeKT's first answer. */
  limits?: BudgetLimits;
  store?: BudgetStore;
  clock?: BudgetClock;
  /** A store failure (database down): logged, and the call goes by a local bucket meanwhile. */
  onStoreError?: (e: unknown) => void;
};

export class CallBudget {
  readonly store: BudgetStore;
  readonly clock: BudgetClock;
  private readonly limits: BudgetLimits;
  private readonly learned: boolean;
  private queue: Waiter[] = [];
  private seq = 0;
  /** When the shared store fails, calls go by this one (same rules) until it answers again. */
  private fallback: MemoryBudgetStore | null = null;
  private fallbackUntil = 0;
  private readonly onStoreError: (e: unknown) => void;
  /** Time calls of this process spent held back (summed over calls), for stats and the bench. */
  waitedMsTotal = 0;

  constructor(
    readonly credential: string,
    opts: CallBudgetOptions = {},
  ) {
    this.store = opts.store ?? new MemoryBudgetStore();
    this.clock = opts.clock ?? systemClock;
    this.limits = opts.limits ?? ASSUMED_LIMITS;
    this.learned = opts.limits !== undefined;
    this.onStoreError =
      opts.onStoreError ??
      ((e) => console.warn(`[chekt budget] store failed, pacing locally for 5 s: ${errorText(e)}`));
  }

  private init = (): BucketState => initialState(this.limits, this.learned, this.clock.now());

  /**
   * The local bucket starts with one token, not full: every instance falls back when Postgres
   * fails, and CHeKT still counts one bucket for them all, so N full ones would send N bursts and
   * draw 429s. One each still lets an answer go at once; refill paces the rest.
   */
  private fallbackInit = (): BucketState => ({ ...this.init(), tokens: Math.min(1, this.limits.burst) });

  /** `op` on the shared store, or on the local fallback while the shared one is failing. */
  private async onStore<T>(op: (store: BudgetStore, init: () => BucketState) => Promise<T>): Promise<T> {
    if (this.fallback && this.clock.now() < this.fallbackUntil) return op(this.fallback, this.fallbackInit);
    try {
      const out = await op(this.store, this.init);
      this.fallback = null;
      return out;
    } catch (e) {
      this.onStoreError(e);
      this.fallback ??= new MemoryBudgetStore();
      this.fallbackUntil = this.clock.now() + 5_000;
      return op(this.fallback, this.fallbackInit);
    }
  }

  private apply<T>(fn: (s: BucketState) => Step<T>): Promise<T> {
    return this.onStore((store, init) => store.update(this.credential, init, fn));
  }

  private record(cls: BudgetClass, delta: Parameters<BudgetStore["recordUsage"]>[3]): void {
    // Usage is for people; a failure to count must never fail or slow a call.
    void this.store.recordUsage(this.credential, cls, this.clock.now(), delta).catch(() => undefined);
  }

  /**
   * The wait a call of `cls` would meet now (0 = goes at once), taking nothing. Read from the store
   * as it is now, not as this instance last saw it: another instance may have drained the bucket or
   * met a 429 since, and a form told "0 s" would hang in the wait instead of counting it down.
   */
  async estimate(cls: BudgetClass): Promise<number> {
    const s = await this.onStore(async (store, init) => (await store.read(this.credential)) ?? init());
    return estimateWait(s, cls, this.clock.now());
  }

  private insert(w: Waiter): void {
    const i = this.queue.findIndex((q) => q.rank > w.rank || (q.rank === w.rank && q.seq > w.seq));
    if (i === -1) this.queue.push(w);
    else this.queue.splice(i, 0, w);
  }

  private remove(w: Waiter): void {
    const i = this.queue.indexOf(w);
    if (i !== -1) this.queue.splice(i, 1);
    // The next in line asks at once instead of finishing its poll.
    this.queue[0]?.wake();
  }

  /** Sleeps `ms`, or less when woken (it became the front of the queue). */
  private async pause(w: Waiter, ms: number, signal?: AbortSignal): Promise<void> {
    const inner = new AbortController();
    const onAbort = () => inner.abort(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    w.wake = () => inner.abort("woken");
    try {
      await this.clock.sleep(ms, inner.signal);
    } catch (e) {
      if (signal?.aborted) throw signal.reason ?? e;
    } finally {
      w.wake = () => undefined;
      signal?.removeEventListener("abort", onAbort);
    }
  }

  /**
   * Waits for a token of class `cls`. Throws BudgetWaitTooLong when the wait would pass the
   * deadline or `refuseOverMs`, and the signal's reason when cancelled.
   */
  async acquire(cls: BudgetClass, opts: AcquireOptions): Promise<BudgetTicket> {
    const started = this.clock.now();
    const me: Waiter = { rank: BUDGET_CLASSES.indexOf(cls), seq: ++this.seq, wake: () => undefined };
    if (opts.refuseOverMs !== undefined) {
      const wait = await this.estimate(opts.judgeAs ?? cls);
      if (wait > opts.refuseOverMs) {
        await this.handBack(cls, wait);
        throw new BudgetWaitTooLong(wait, 0, true);
      }
    }
    this.insert(me);
    let paused = false;
    try {
      for (;;) {
        if (opts.signal?.aborted) throw opts.signal.reason;
        const now = this.clock.now();
        const waited = now - started;
        let step = POLL_MS;
        if (this.queue[0] === me) {
          const at = this.clock.now();
          // A call that never paused did not wait (the store's round trip is not a wait).
          const waitedMs = paused ? at - started : 0;
          // The call is counted in the same step as the token it took (budget-pg.ts: one statement).
          const req = { cls, atMs: at, waited: paused, waitedMs };
          const d = await this.onStore((store, init) => store.take(this.credential, init, req));
          if (d.ok) {
            const sentAtMs = this.clock.now();
            this.waitedMsTotal += waitedMs;
            return { cls, takenSeq: d.takenSeq, sentAtMs, waitedMs };
          }
          if (now + d.waitMs > opts.deadline) throw new BudgetWaitTooLong(d.waitMs, waited, false);
          step = Math.min(d.waitMs, POLL_MS);
        } else if (now + step > opts.deadline) {
          // Behind others for longer than this call may take.
          throw new BudgetWaitTooLong(step, waited, false);
        }
        paused = true;
        await this.pause(me, step, opts.signal);
      }
    } catch (e) {
      const waitedMs = paused ? this.clock.now() - started : 0;
      this.waitedMsTotal += waitedMs;
      if (paused) this.record(cls, { waits: 1, waitMs: waitedMs });
      if (e instanceof BudgetWaitTooLong) throw new BudgetWaitTooLong(e.waitMs, waitedMs, e.refused);
      throw e;
    } finally {
      this.remove(me);
    }
  }

  /** Call once per ticket with its answer's headers (null: no answer). Corrects the bucket from X-RateLimit-*. */
  async settle(ticket: BudgetTicket, headers: Headers | null): Promise<void> {
    if (!headers) return;
    const now = this.clock.now();
    const h = readRateHeaders(headers, now);
    if (h.limit === undefined && h.remaining === undefined) return;
    await this.apply((s) => ({
      result: undefined,
      changed: correct(s, h, { now: this.clock.now(), sentAtMs: ticket.sentAtMs, takenSeq: ticket.takenSeq }),
    }));
  }

  /** A 429 said "not before `untilMs`": every class on every instance waits, and it is counted. */
  async block(untilMs: number, cls: BudgetClass): Promise<void> {
    this.record(cls, { rateLimited: 1 });
    await this.apply((s) => {
      const before = s.blockedUntilMs;
      block(s, untilMs);
      return { result: undefined, changed: s.blockedUntilMs !== before || s.tokens !== 0 };
    });
  }

  /**
   * A call of `cls` is handed back to its form, told to come back in `waitMs`: lower classes on every
   * instance hold off until then plus HANDBACK_GRACE_MS, so the token that refills meanwhile is the
   * resend's. The mark is the call's own class (a read judged as a write holds off only the classes
   * below the read, so the resend's read is not held off by it). A countdown the user cancels leaves
   * the mark to lapse by itself, bounded by the wait plus the grace; the resend's take clears it.
   */
  async handBack(cls: BudgetClass, waitMs: number): Promise<void> {
    const untilMs = this.clock.now() + waitMs + HANDBACK_GRACE_MS;
    await this.apply((s) => ({ result: undefined, changed: markWaiting(s, cls, untilMs) }));
  }

  /** For the Settings panel: the bucket now and the usage since `sinceMs`. */
  async view(sinceMs: number): Promise<BudgetView> {
    const now = this.clock.now();
    const stored = await this.store.read(this.credential);
    const s = stored ?? this.init();
    const waits = { answer: 0, write: 0, snapshot: 0, read: 0, bulk: 0, sync: 0 };
    for (const c of BUDGET_CLASSES) waits[c] = estimateWait(s, c, now);
    return {
      credential: this.credential,
      perMin: s.perMin,
      burst: s.burst,
      tokens: Math.max(0, Math.min(s.burst, s.tokens + Math.max(0, now - s.atMs) * (s.perMin / 60_000))),
      blockedForMs: Math.max(0, s.blockedUntilMs - now),
      waits,
      usage: await this.store.usage(this.credential, sinceMs),
    };
  }
}
