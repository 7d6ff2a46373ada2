"use client";
import type { QueueItem } from "@/lib/verifications/types";
import { isRunningOut, type EscalationSettings } from "@/lib/verifications/escalation";
import { countdown } from "@/components/verifications/shared/format";
import { siteLabel } from "@/lib/site-label";

/**
 * The detail view's title: the site, and the time left to answer, red under the dealer's M seconds
 * (`escalation.remainingSeconds`), the same rule and the same moment as the item's queue row.
 */
export function DetailTitle({
  item,
  now,
  escalation,
}: {
  item: QueueItem;
  now: number;
  escalation: Pick<EscalationSettings, "remainingSeconds">;
}) {
  const red = isRunningOut(item, now, escalation.remainingSeconds);
  return (
    <span className="flex flex-wrap items-center gap-2">
      {siteLabel(item.siteId, item.siteName)}
      <span className={red ? "font-mono text-red-700" : "font-mono text-slate-700"} data-testid="detail-countdown">
        {countdown(Date.parse(item.expiresAt) - now)}
      </span>
    </span>
  );
}
