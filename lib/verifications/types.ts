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
  /** True when the viewer holds the claim; the claimer is shown by name only, never by user id. */
  claimedByMe: boolean;
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
  /** Milliseconds (server clock) of the newest change to anything shown: lists and live updates merge by it. */
  version: number;
  /** An answer stored and not yet confirmed by CHeKT (retrying or "may or may not"). */
  answerStored: "dispatch" | "disregard" | null;
};

export type SiteContact = { id: number; name: string; phone: string | null };

/** SSE messages, as the page parses them. */
export type LiveMessage =
  | { type: "snapshot"; items: QueueItem[]; serverTime: string; asOf: number }
  | { type: "upsert"; item: QueueItem; receivedAt: number }
  | { type: "remove"; id: string; state: VerificationState; receivedAt: number; version: number };

/** The list route's answer: `asOf` is the server time taken just before the query ran. */
export type QueueList = { items: QueueItem[]; serverTime: string; asOf: number };

export const OPEN_STATES: VerificationState[] = ["pending", "claimed"];
