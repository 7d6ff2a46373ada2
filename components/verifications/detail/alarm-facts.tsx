"use client";
import { Badge, DetailField } from "@/components/ui";
import type { QueueItem } from "@/lib/verifications/types";
import { siteTime } from "@/components/verifications/shared/format";

/** What the alarm says of itself: where, which zone and device, what set it off, who holds it. */
export function AlarmFacts({ item }: { item: QueueItem }) {
  return (
    <dl className="grid grid-cols-2 gap-x-4 gap-y-2">
      <DetailField label="Site time">{siteTime(item.occurredAt, item.siteTimezone)}</DetailField>
      <DetailField label="Zone">{item.zoneNumber ?? "—"}</DetailField>
      <DetailField label="Device">{item.deviceId ?? "—"}</DetailField>
      <DetailField label="Location">{item.location ?? "—"}</DetailField>
      <DetailField label="Trigger">{item.trigger ? <Badge tone="info">{item.trigger}</Badge> : "—"}</DetailField>
      <DetailField label="Priority">{item.priority ?? "—"}</DetailField>
      <DetailField label="Claimed by">
        {item.state === "claimed" ? (item.claimedByMe ? "you" : (item.claimedByName ?? "another operator")) : "nobody"}
      </DetailField>
    </dl>
  );
}
