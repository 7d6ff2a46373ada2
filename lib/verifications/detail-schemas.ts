// The detail view's dispatch information on the wire (GET /api/live/verifications/[id]/detail),
// declared once as zod schemas: lib/verifications/types.ts names their types for the server that
// builds it (lib/verifications/detail.ts), and the desk checks what the route sends. No server imports.
import { z } from "zod";

export const deskEventSchema = z.object({
  id: z.string(),
  type: z.string(),
  at: z.string(),
  receivedAt: z.string(),
  summary: z.string(),
});

export const callListEntrySchema = z.object({
  id: z.number(),
  name: z.string(),
  phone: z.string().nullable(),
  /** CHeKT named this contact for the verification. */
  named: z.boolean(),
});

/** From Postgres only: the mirror's site, station and contacts, our own directions, notes and events. */
export const deskDetailSchema = z.object({
  verificationId: z.string(),
  site: z
    .object({
      id: z.number(),
      name: z.string(),
      accountNumber: z.string().nullable(),
      address: z.array(z.string()),
      timezone: z.string().nullable(),
      confirmedAt: z.string(),
      gone: z.boolean(),
    })
    .nullable(),
  station: z.object({ id: z.number(), name: z.string() }).nullable(),
  callList: z.array(callListEntrySchema),
  /** CHeKT named a contact the mirror does not (yet) hold. */
  namedContactMissing: z.boolean(),
  directions: z.object({ text: z.string(), updatedByName: z.string(), updatedAt: z.string() }).nullable(),
  notes: z.array(z.object({ id: z.string(), authorName: z.string(), text: z.string(), createdAt: z.string() })),
  history: z.array(deskEventSchema),
});
