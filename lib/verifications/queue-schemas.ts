// The queue's shapes on the wire, declared once as zod schemas: lib/verifications/types.ts names their
// types for the server and the page, and the page checks what the list route and the stream send before
// merging it.
import { z } from "zod";
import { ANSWER_ACTIONS } from "./answer-actions";
import { VERIFICATION_STATES } from "./types";

const state = z.enum(VERIFICATION_STATES);
const textOrNull = z.string().nullable();

export const queueSnapshotSchema = z.object({ id: z.string(), capturedAt: textOrNull });

export const queueItemSchema = z.object({
  id: z.string(),
  alarmId: textOrNull,
  siteId: z.number(),
  siteName: textOrNull,
  siteTimezone: textOrNull,
  deviceId: z.number().nullable(),
  zoneNumber: textOrNull,
  contactId: z.number().nullable(),
  eventCode: textOrNull,
  description: textOrNull,
  occurredAt: z.string(),
  expiresAt: z.string(),
  state,
  /** True when the viewer holds the claim; the claimer is shown by name only, never by user id. */
  claimedByMe: z.boolean(),
  claimedByName: textOrNull,
  claimedAt: textOrNull,
  answeredByName: textOrNull,
  answeredAt: textOrNull,
  answerAction: textOrNull,
  answerError: textOrNull,
  priority: textOrNull,
  trigger: textOrNull,
  location: textOrNull,
  alarmState: textOrNull,
  snapshots: z.array(queueSnapshotSchema),
  updatedAt: z.string(),
  /** Milliseconds (server clock) of the newest change to anything shown: lists and live updates merge by it. */
  version: z.number(),
  /** An answer stored and not yet confirmed by CHeKT (retrying or "may or may not"). */
  answerStored: z.enum(ANSWER_ACTIONS).nullable(),
});

const list = { items: z.array(queueItemSchema), serverTime: z.string(), asOf: z.number() };

/** The list route's answer: `asOf` is the server time taken just before the query ran. */
export const queueListSchema = z.object(list);

/** SSE messages, as the page parses them. */
export const liveMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("snapshot"), ...list }),
  z.object({ type: z.literal("upsert"), item: queueItemSchema, receivedAt: z.number() }),
  z.object({
    type: z.literal("remove"),
    // null: the change named a state this version does not know (lib/live/sse.ts still removes the item).
    id: z.string(),
    state: state.nullable(),
    receivedAt: z.number(),
    version: z.number(),
  }),
]);
