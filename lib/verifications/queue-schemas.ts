// The queue's shapes on the wire (lib/verifications/types.ts) as zod schemas, so the page checks what
// the list route and the stream send before merging it. tests/unit/verifications-queue-schemas.test.ts
// holds each schema's output equal to its type: a field added to one and not the other fails tsc.
import { z } from "zod";
import { VERIFICATION_STATES } from "./types";

const state = z.enum(VERIFICATION_STATES);

export const queueItemSchema = z.object({
  id: z.string(),
  alarmId: z.string().nullable(),
  siteId: z.number(),
  siteName: z.string().nullable(),
  siteTimezone: z.string().nullable(),
  deviceId: z.number().nullable(),
  zoneNumber: z.string().nullable(),
  contactId: z.number().nullable(),
  eventCode: z.string().nullable(),
  description: z.string().nullable(),
  occurredAt: z.string(),
  expiresAt: z.string(),
  state,
  claimedByMe: z.boolean(),
  claimedByName: z.string().nullable(),
  claimedAt: z.string().nullable(),
  answeredByName: z.string().nullable(),
  answeredAt: z.string().nullable(),
  answerAction: z.string().nullable(),
  answerError: z.string().nullable(),
  priority: z.string().nullable(),
  trigger: z.string().nullable(),
  location: z.string().nullable(),
  alarmState: z.string().nullable(),
  snapshots: z.array(z.object({ id: z.string(), capturedAt: z.string().nullable() })),
  updatedAt: z.string(),
  version: z.number(),
  answerStored: z.enum(["dispatch", "disregard"]).nullable(),
});

const list = { items: z.array(queueItemSchema), serverTime: z.string(), asOf: z.number() };

export const queueListSchema = z.object(list);

export const liveMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("snapshot"), ...list }),
  z.object({ type: z.literal("upsert"), item: queueItemSchema, receivedAt: z.number() }),
  z.object({
    type: z.literal("remove"),
    id: z.string(),
    state: state.nullable(),
    receivedAt: z.number(),
    version: z.number(),
  }),
]);
