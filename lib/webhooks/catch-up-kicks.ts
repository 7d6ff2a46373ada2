// The catch-ups that resuming live pages ask for (app/api/live/verifications/route.ts). Each names the
// page's own dealer only, and a dealer is caught up for them at most once per gap: a viewer who
// reconnects in a loop cannot spend their dealer's App-key budget, nor anyone else's. Requests
// within `delayMs` of each other share one run (many pages reconnect together after a blip).
import { LruMap } from "@/lib/lru";

/** Dealers remembered at once; only members' dealers reach here, so this is never the limit in practice. */
const DEALERS_REMEMBERED = 1_000;

export type CatchUpKicks = { kick(dealerLinkId: string): void; stop(): void };

export function catchUpKicks(
  run: (dealerLinkIds: ReadonlySet<string>) => void,
  opts: { gapMs: number; delayMs: number; now?: () => number },
): CatchUpKicks {
  const now = opts.now ?? Date.now;
  const askedAt = new LruMap<string, number>(DEALERS_REMEMBERED);
  let pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  return {
    kick(dealerLinkId) {
      const at = now();
      const last = askedAt.get(dealerLinkId);
      if (last !== undefined && at - last < opts.gapMs) return;
      askedAt.set(dealerLinkId, at);
      pending.add(dealerLinkId);
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        const dealers = pending;
        pending = new Set();
        run(dealers);
      }, opts.delayMs);
      timer.unref?.();
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
