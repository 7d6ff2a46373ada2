import "server-only";
import { env } from "@/lib/env";
import { prisma } from "@/lib/db";
import { expireOverdue } from "@/lib/verifications/expire";
import { catchUpAll, type CatchUpReport } from "./catch-up";
import { fetchEventsFromChekt } from "./catch-up-source";
import { errorText } from "@/lib/error-text";

// Per app instance: catch-up from GET /v1/events at start, every minute, and soon after a live
// stream reconnects; and a sweep that expires overdue verifications. Several instances may run
// this; a Postgres advisory lock lets only one catch up at a time (the work is idempotent anyway).
const CATCH_UP_EVERY_MS = 60_000;
const EXPIRE_EVERY_MS = 2_000;
const LOCK_KEY = 0x43686b54; // "ChkT"

const g = globalThis as unknown as { __chektWebhookBg?: { stop(): void; kick(): void } };

function log(message: string) {
  console.log(`[webhooks] ${message}`);
}

async function catchUpOnce(): Promise<CatchUpReport[] | null> {
  // Session-level try-lock on a dedicated transaction: held only while this instance catches up.
  return prisma.$transaction(
    async (tx) => {
      const [{ locked }] = await tx.$queryRaw<
        { locked: boolean }[]
      >`SELECT pg_try_advisory_xact_lock(${LOCK_KEY}) AS locked`;
      if (!locked) return null;
      return catchUpAll(fetchEventsFromChekt);
    },
    { timeout: 120_000, maxWait: 5_000 },
  );
}

export function startWebhookBackground(): { stop(): void; kick(): void } {
  if (g.__chektWebhookBg) return g.__chektWebhookBg;
  let running = false;
  let again = false;
  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      const reports = await catchUpOnce();
      for (const r of reports ?? []) {
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
      if (again) {
        again = false;
        void run();
      }
    }
  };
  const sweep = () => expireOverdue().catch((e: unknown) => log(`expiry sweep failed: ${errorText(e)}`));
  const catchUpTimer = setInterval(run, CATCH_UP_EVERY_MS);
  const sweepTimer = setInterval(sweep, EXPIRE_EVERY_MS);
  catchUpTimer.unref?.();
  sweepTimer.unref?.();
  void run();
  let kickTimer: NodeJS.Timeout | null = null;
  g.__chektWebhookBg = {
    stop() {
      clearInterval(catchUpTimer);
      clearInterval(sweepTimer);
      if (kickTimer) clearTimeout(kickTimer);
      g.__chektWebhookBg = undefined;
    },
    // Many pages reconnect together after a blip; one catch-up serves them all.
    kick() {
      if (kickTimer) return;
      kickTimer = setTimeout(() => {
        kickTimer = null;
        void run();
      }, 500);
      kickTimer.unref?.();
    },
  };
  return g.__chektWebhookBg;
}

/**
 * For the SSE route after a client resumes: catch up soon. A web-only instance (BACKGROUND_WORK=off)
 * starts no timers of its own; the worker process's minute catch-up serves it.
 */
export function requestCatchUp() {
  if (!g.__chektWebhookBg && env.BACKGROUND_WORK === "off") return;
  (g.__chektWebhookBg ?? startWebhookBackground()).kick();
}
