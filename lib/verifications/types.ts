// Shapes the queue page receives (JSON over the list route and the SSE stream; their schemas are
// lib/verifications/queue-schemas.ts) and the detail view's (lib/verifications/detail-schemas.ts).
// No server imports: the client component uses these types too.
import type { z } from "zod";
import type { liveMessageSchema, queueItemSchema, queueListSchema, queueSnapshotSchema } from "./queue-schemas";
import type { callListEntrySchema, deskDetailSchema, deskEventSchema } from "./detail-schemas";
import { VerificationState } from "@/lib/generated/prisma/enums";
import { keysOf } from "@/lib/keys-of";

/** Every state: the database's enum, from Prisma's enums module (plain values, no server code). */
export const VERIFICATION_STATES = keysOf(VerificationState);
export type { VerificationState };
/** A state as the console writes it (badges, filters): capitalised like its other badges ("Dispatched"). */
export function verificationStateLabel(state: VerificationState): string {
  return state.charAt(0).toUpperCase() + state.slice(1);
}

export function isVerificationState(value: string): value is VerificationState {
  return VERIFICATION_STATES.some((s) => s === value);
}

export type QueueSnapshot = z.output<typeof queueSnapshotSchema>;
export type QueueItem = z.output<typeof queueItemSchema>;

export type SiteContact = { id: number; name: string; phone: string | null };

export type LiveMessage = z.output<typeof liveMessageSchema>;
export type QueueList = z.output<typeof queueListSchema>;

/** One event CHeKT sent about the alarm (its history), summarised. */
export type DeskEvent = z.output<typeof deskEventSchema>;

export type CallListEntry = z.output<typeof callListEntrySchema>;

/** The detail view's dispatch information (GET /api/live/verifications/[id]/detail), from Postgres only. */
export type DeskDetail = z.output<typeof deskDetailSchema>;
