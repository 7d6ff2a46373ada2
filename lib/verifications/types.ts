// Shapes the queue page receives (JSON over the list route and the SSE stream). No server imports:
// the client component uses these types too.
/** Every state, as the database's enum (prisma/schema.prisma) lists them. */
export const VERIFICATION_STATES = ["pending", "claimed", "dispatched", "disregarded", "expired", "cancelled"] as const;
export type VerificationState = (typeof VERIFICATION_STATES)[number];
/** A state as the console writes it (badges, filters): capitalised like its other badges ("Dispatched"). */
export function verificationStateLabel(state: VerificationState): string {
  return state.charAt(0).toUpperCase() + state.slice(1);
}

export function isVerificationState(value: string): value is VerificationState {
  return VERIFICATION_STATES.some((s) => s === value);
}

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
  // state null: the change named a state this version does not know (lib/live/sse.ts still removes the item).
  | { type: "remove"; id: string; state: VerificationState | null; receivedAt: number; version: number };

/** The list route's answer: `asOf` is the server time taken just before the query ran. */
export type QueueList = { items: QueueItem[]; serverTime: string; asOf: number };

export const OPEN_STATES: VerificationState[] = ["pending", "claimed"];

/** One event CHeKT sent about the alarm (its history), summarised. */
export type DeskEvent = { id: string; type: string; at: string; receivedAt: string; summary: string };

export type CallListEntry = {
  id: number;
  name: string;
  phone: string | null;
  /** CHeKT named this contact for the verification. */ named: boolean;
};

/** The detail view's dispatch information (GET /api/live/verifications/[id]/detail), from Postgres only. */
export type DeskDetail = {
  verificationId: string;
  site: {
    id: number;
    name: string;
    accountNumber: string | null;
    address: string[];
    timezone: string | null;
    confirmedAt: string;
    gone: boolean;
  } | null;
  station: { id: number; name: string } | null;
  callList: CallListEntry[];
  /** CHeKT named a contact the mirror does not (yet) hold. */
  namedContactMissing: boolean;
  directions: { text: string; updatedByName: string; updatedAt: string } | null;
  notes: { id: string; authorName: string; text: string; createdAt: string }[];
  history: DeskEvent[];
};
