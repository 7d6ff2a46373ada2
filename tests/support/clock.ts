import type { BudgetClock } from "@/lib/chekt/budget";

/**
 * Clocks for code that takes a `BudgetClock` (lib/chekt/budget.ts, the CHeKT client's `clock`), so a
 * test asserts what the clock says — how long the code chose to wait — instead of timing itself on
 * a machine that may be loaded.
 */

/** Lets queued promise callbacks and I/O callbacks run. */
export const flush = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
  await new Promise((r) => setImmediate(r));
};

/** A clock that moves only when the test says so; sleepers wake in time order. */
export class FakeClock implements BudgetClock {
  t = 1_000_000;
  private sleepers: { at: number; resolve: () => void }[] = [];
  now = () => this.t;
  sleep = (ms: number, signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const s = { at: this.t + ms, resolve };
      this.sleepers.push(s);
      signal?.addEventListener(
        "abort",
        () => {
          this.sleepers = this.sleepers.filter((x) => x !== s);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  /** Moves time forward in small steps, letting woken waiters run between them. */
  async advance(ms: number, step = 10) {
    const end = this.t + ms;
    while (this.t < end) {
      this.t = Math.min(end, this.t + step);
      const due = this.sleepers.filter((s) => s.at <= this.t);
      this.sleepers = this.sleepers.filter((s) => s.at > this.t);
      for (const s of due) s.resolve();
      await flush();
    }
  }
}

/**
 * Real time plus every sleep, skipped: a sleep returns without waiting (on a later turn of the event
 * loop) and moves `now()` to its end. Sleeps that overlap end in order of their end times and do
 * not add up, as on a real clock. Code against real sockets keeps its real I/O, while its waits
 * (backoff, Retry-After, the budget's pacing) cost no wall time and are recorded in `sleeps`.
 * With `hold`, sleeps stay pending until `release()` or their signal aborts.
 */
export class SkipClock implements BudgetClock {
  skipped = 0;
  readonly sleeps: number[] = [];
  hold = false;
  private pending: Array<{ end: number; done: () => void }> = [];
  private scheduled = false;
  private sleepStarted: Array<() => void> = [];
  now = () => Date.now() + this.skipped;
  sleep = (ms: number, signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const wait = Math.max(0, ms);
      this.sleeps.push(wait);
      const entry = {
        end: this.now() + wait,
        done: () => {
          signal?.removeEventListener("abort", onAbort);
          this.skipped = Math.max(this.skipped, entry.end - Date.now());
          resolve();
        },
      };
      const onAbort = () => {
        this.pending = this.pending.filter((p) => p !== entry);
        reject(signal?.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.pending.push(entry);
      if (!this.hold) this.schedule();
      for (const w of this.sleepStarted.splice(0)) w();
    });
  /** Ends the earliest sleep on the next turn of the event loop, then the next, and so on. */
  private schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.hold || this.pending.length === 0) return;
      const first = this.pending.reduce((a, b) => (b.end < a.end ? b : a));
      this.pending = this.pending.filter((p) => p !== first);
      first.done();
      if (this.pending.length > 0) this.schedule();
    });
  }
  /** Moves the clock forward without anyone sleeping (a token's life passing, say). */
  skip(ms: number) {
    this.skipped += ms;
  }
  /** Stops holding sleeps: the pending ones end, earliest first. */
  release() {
    this.hold = false;
    this.schedule();
  }
  /** Resolves when the next sleep begins. */
  nextSleep(): Promise<void> {
    return new Promise((r) => this.sleepStarted.push(r));
  }
  /** The total of all sleeps asked for so far (overlapping ones counted each). */
  get slept() {
    return this.sleeps.reduce((a, b) => a + b, 0);
  }
}
