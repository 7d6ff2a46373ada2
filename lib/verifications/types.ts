// Shapes the queue page receives (JSON over the list route and the SSE stream). No server imports:
// the client component uses these types too.
export type VerificationState = "pending" | "claimed" | "dispatched" | "disregarded" | "expired" | "cancelled";

export type QueueSnapshot = { id: string; capturedAt: string | null };

export type QueueItem = {
  id: string;
  alarmId: string | null;
  siteId: number;
  siteName: string | null;
  siteTimezone: string | null;
  deviceId: number | null;
  zoneNumber: string | null;
  contactId: number | null;
  eventCode: string | null;
  description: string | null;
  occurredAt: string;
  expiresAt: string;
  state: VerificationState;
  claimedById: string | null;
  claimedByName: string | null;
  claimedAt: string | null;
  answeredByName: string | null;
  answeredAt: string | null;
  answerAction: string | null;
  answerError: string | null;
  priority: string | null;
  trigger: string | null;
  location: string | null;
  alarmState: string | null;
  snapshots: QueueSnapshot[];
  updatedAt: string;
};

export type SiteContact = { id: number; name: string; phone: string | null };

/** SSE messages, as the page parses them. */
export type LiveMessage =
  | { type: "snapshot"; items: QueueItem[]; serverTime: string }
  | { type: "upsert"; item: QueueItem; receivedAt: number }
  | { type: "remove"; id: string; state: VerificationState; receivedAt: number };

export const OPEN_STATES: VerificationState[] = ["pending", "claimed"];
