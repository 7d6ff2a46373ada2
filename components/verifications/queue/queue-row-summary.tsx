"use client";
import { MapPin } from "lucide-react";
import { Badge } from "@/components/ui";
import type { ItemEscalation } from "@/lib/verifications/escalation";
import { priorityTone } from "@/lib/verifications/priority";
import type { QueueItem } from "@/lib/verifications/types";
import { siteTime } from "@/components/verifications/shared/format";

/** The row's badges after the site: priority, trigger, escalation, and who holds the claim. */
function RowBadges({ item, esc }: { item: QueueItem; esc: ItemEscalation }) {
  const claimedByOther = item.state === "claimed" && !item.claimedByMe;
  return (
    <>
      {item.priority ? <Badge tone={priorityTone(item.priority)}>{item.priority}</Badge> : null}
      {item.trigger ? <Badge tone="info">{item.trigger}</Badge> : null}
      {esc.escalated ? (
        <Badge tone="danger">
          <span data-testid="escalated">Escalated: {esc.reason.toLowerCase()}</span>
        </Badge>
      ) : null}
      {claimedByOther ? (
        <Badge tone="warning">
          <span data-testid="claimed-by">Claimed by {item.claimedByName ?? "another operator"}</span>
        </Badge>
      ) : item.state === "claimed" ? (
        <Badge tone="success">Claimed by you</Badge>
      ) : null}
    </>
  );
}

/** A queue row's middle: the site and its badges, what happened, and where and when (in the site's time). */
export function RowSummary({ item, site, esc }: { item: QueueItem; site: string; esc: ItemEscalation }) {
  return (
    <div className="min-w-0 flex-1 space-y-1">
      <div className="flex flex-wrap items-center gap-2">
        {/* Whole, wrapping: a row is where a long site name is read in full (the toolbar's one line cuts it). */}
        <span className="min-w-0 font-semibold text-slate-900 [overflow-wrap:anywhere]">{site}</span>
        <RowBadges item={item} esc={esc} />
      </div>
      <p className="text-sm text-slate-800">{item.description ?? "Alarm"}</p>
      <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-600">
        <span>Site time {siteTime(item.occurredAt, item.siteTimezone)}</span>
        {item.zoneNumber ? <span>Zone {item.zoneNumber}</span> : null}
        {item.deviceId ? <span>Device {item.deviceId}</span> : null}
        {item.location ? (
          <span className="inline-flex items-center gap-1">
            <MapPin className="h-3 w-3" aria-hidden="true" />
            {item.location}
          </span>
        ) : null}
      </p>
    </div>
  );
}
