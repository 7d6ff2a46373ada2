import "server-only";
// What a page hands the freshness line (components/mirror/freshness.tsx) for what it shows, and
// the stale-while-revalidate step: a view of something older than MIRROR_STALE_AFTER_S queues its
// re-read in the background (after the response), so the page itself never waits on CHeKT.
import type { FreshnessProps } from "@/components/mirror/freshness";
import { revalidateIfStale } from "./refresh";
import type { MirrorTarget } from "./targets";

type Seen = { confirmedAt: Date | null; goneAt?: Date | null; changedAt?: Date | null };

/**
 * `seen` is the row (or, for a list, the oldest confirmation among the rows shown). A gone row is
 * not re-queued: CHeKT already said 404, the sweep will notice if it comes back.
 */
export function freshnessFor(
  dealerLinkId: string,
  targets: MirrorTarget[],
  seen: Seen | null,
  now = new Date(),
  o: { revalidate?: boolean } = {},
): FreshnessProps {
  const gone = seen?.goneAt ?? null;
  // revalidate false: what the page shows is only kept by the sweep (whole-dealer counts), whose
  // interval already bounds its age; a view must not queue a read of every site.
  const refreshQueued =
    gone || o.revalidate === false ? false : revalidateIfStale(dealerLinkId, targets, seen?.confirmedAt ?? null, now);
  return {
    asOf: seen?.confirmedAt?.toISOString() ?? null,
    targets,
    refreshQueued,
    goneAt: gone?.toISOString() ?? null,
    changedAt: seen?.changedAt?.toISOString() ?? null,
  };
}

/** The oldest confirmation among the rows a list shows (a list is as fresh as its stalest row). */
export function oldestSeen(rows: { confirmedAt: Date }[]): Seen | null {
  if (rows.length === 0) return null;
  return { confirmedAt: rows.reduce((min, r) => (r.confirmedAt < min ? r.confirmedAt : min), rows[0]!.confirmedAt) };
}
