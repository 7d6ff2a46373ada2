"use client";
import type { QueueItem } from "@/lib/verifications/types";
import { countdown } from "@/components/verifications/shared/format";
import { siteLabel } from "@/lib/site-label";

/** The detail view's title: the site, and the time left to answer (red in the last minute). */
export function DetailTitle({ item, now }: { item: QueueItem; now: number }) {
  const left = Date.parse(item.expiresAt) - now;
  return (
    <span className="flex flex-wrap items-center gap-2">
      {siteLabel(item.siteId, item.siteName)}
      <span
        className={left < 60_000 ? "font-mono text-red-700" : "font-mono text-slate-700"}
        data-testid="detail-countdown"
      >
        {countdown(left)}
      </span>
    </span>
  );
}
