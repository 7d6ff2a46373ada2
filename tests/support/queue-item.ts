// One verification as the queue shows it, for tests of the queue's rules (merge, live changes).
import type { QueueItem } from "@/lib/verifications/types";

/** The tests' "now": the item occurred a minute before and expires ten minutes after. */
export const QUEUE_NOW = Date.parse("2026-12-01T15:00:00Z");
const T = QUEUE_NOW;

export function queueItem(id: string, version: number, over: Partial<QueueItem> = {}): QueueItem {
  return {
    id,
    alarmId: `alm_${id}`,
    siteId: 1,
    siteName: "Camden Office Suites",
    siteTimezone: null,
    deviceId: null,
    zoneNumber: null,
    contactId: null,
    eventCode: null,
    description: "Panic",
    occurredAt: new Date(T - 60_000).toISOString(),
    expiresAt: new Date(T + 600_000).toISOString(),
    state: "pending",
    claimedByMe: false,
    claimedByName: null,
    claimedAt: null,
    answeredByName: null,
    answeredAt: null,
    answerAction: null,
    answerError: null,
    priority: null,
    trigger: null,
    location: null,
    alarmState: null,
    snapshots: [],
    updatedAt: new Date(version).toISOString(),
    version,
    answerStored: null,
    ...over,
  };
}
