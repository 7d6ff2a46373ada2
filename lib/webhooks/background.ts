import "server-only";
import { env } from "@/lib/env";
import { advisoryLock } from "@/lib/jobs/lock";
import { expireOverdue } from "@/lib/verifications/expire";
import { catchUpAll, type CatchUpReport } from "./catch-up";
import { catchUpKicks } from "./catch-up-kicks";
import { fetchEventsFromChekt } from "./catch-up-source";
import { errorText } from "@/lib/error-text";

// Per app instance: catch-up from GET /v1/events at start, every minute, and soon after a live
// stream reconnects; and a sweep that expires overdue verifications. Several instances may run
// this: each dealer's catch-up holds that dealer's own advisory lock for as long as it runs
// (catchUpAll), so a slow dealer is neither caught up twice nor in the way of the others. One lock for
// every dealer, in a transaction that timed out at 120 s, let a second instance start again (spending
// the budget twice) once a run outlived it, and held every other dealer behind the slow one.
const CATCH_UP_EVERY_MS = 60_000;
const EXPIRE_EVERY_MS = 2_000;
/** A dealer is caught up for its resuming pages at most this often (the minute's run is separate). */
const KICK_GAP_MS = 30_000;

type Background = { stop(): void; kick(dealerLinkId: string): void };
const g = globalThis as unknown as { __chektWebhookBg?: Background };

function log(message: string) {
  console.log(`[webhooks] ${message}`);
}

/** Every connected dealer's catch-up, or only `only`'s. */
function catchUpOnce(only?: ReadonlySet<string>): Promise<CatchUpReport[]> {
  return catchUpAll(fetchEventsFromChekt, only, { lock: advisoryLock(env.DATABASE_URL, "webhook-catch-up") });
}

export function startWebhookBackground(): Background {
  if (g.__chektWebhookBg) return g.__chektWebhookBg;
  let running = false;
  // Asked for while a run was under way: every dealer, these, or nothing.
  let again: ReadonlySet<string> | "all" | null = null;
  const run = async (only?: ReadonlySet<string>) => {
    if (running) {
      again = !only || again === "all" ? "all" : new Set([...(again ?? []), ...only]);
      return;
    }
    running = true;
    try {
      const reports = await catchUpOnce(only);
      for (const r of reports) {
        if (r.error || r.applied || r.invalid)
          log(
            `catch-up ${r.dealerLinkId}: fetched ${r.fetched}, applied ${r.applied}, duplicates ` +
              `${r.duplicates}, invalid ${r.invalid}${r.error ? `, error: ${r.error}` : ""}`,
          );
      }
    } catch (e) {
      log(`catch-up failed: ${errorText(e)}`);
    } finally {
      running = false;
      const next = again;
      again = null;
      if (next) void run(next === "all" ? undefined : next);
    }
  };
  const sweep = () => expireOverdue().catch((e: unknown) => log(`expiry sweep failed: ${errorText(e)}`));
  const catchUpTimer = setInterval(() => void run(), CATCH_UP_EVERY_MS);
  const sweepTimer = setInterval(sweep, EXPIRE_EVERY_MS);
  catchUpTimer.unref?.();
  sweepTimer.unref?.();
  void run();
  const kicks = catchUpKicks((dealers) => void run(dealers), { gapMs: KICK_GAP_MS, delayMs: 500 });
  g.__chektWebhookBg = {
    stop() {
      clearInterval(catchUpTimer);
      clearInterval(sweepTimer);
      kicks.stop();
      g.__chektWebhookBg = undefined;
    },
    kick: kicks.kick,
  };
  return g.__chektWebhookBg;
}

/**
 * For the SSE route after a client resumes: catch up the client's own dealer soon (at most every
 * KICK_GAP_MS). A web-only instance (BACKGROUND_WORK=off) starts no timers of its own; the worker
 * process's minute catch-up serves it.
 */
export function requestCatchUp(dealerLinkId: string) {
  if (!g.__chektWebhookBg && env.BACKGROUND_WORK === "off") return;
  (g.__chektWebhookBg ?? startWebhookBackground()).kick(dealerLinkId);
}
