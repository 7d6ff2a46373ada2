// Shared by the answer form (browser) and the server actions: one definition of valid input.
import { z } from "zod";
import { chektId } from "@/lib/schemas/fields";
import { ANSWER_ACTIONS } from "./answer-actions";
import { answerOutcomeFields } from "./outcomes-schemas";

/**
 * The longest verification id: CHeKT's verification_id is a uuid (36 characters, lib/chekt/openapi.yaml),
 * read with room for another shape a draft backend may send.
 */
export const VERIFICATION_ID_MAX = 100;

/**
 * A verification id, as the desk reads it from an operator's request and the webhook reads it from
 * CHeKT's event (lib/webhooks/events.ts): one bound, so every verification stored can be claimed and answered.
 */
export const verificationIdSchema = z
  .string()
  .trim()
  .min(1, "Verification ID is required")
  .max(VERIFICATION_ID_MAX, `Verification ID must be at most ${VERIFICATION_ID_MAX} characters`);

export const answerSchema = z.object({
  id: verificationIdSchema,
  action: z.enum(ANSWER_ACTIONS, { message: "Choose Dispatch or Disregard" }),
  contactId: chektId("Contact"),
  // The desk's outcome code and checked steps (lib/verifications/outcomes.ts checks them per dealer).
  ...answerOutcomeFields,
});
export type AnswerInput = z.infer<typeof answerSchema>;

export const DIRECTIONS_MAX = 4000;
export const NOTE_MAX = 2000;

export const directionsSchema = z.object({
  siteId: chektId("Site ID"),
  text: z.string().trim().max(DIRECTIONS_MAX, `Directions can be at most ${DIRECTIONS_MAX} characters`),
});

export const noteSchema = z.object({
  id: verificationIdSchema,
  text: z.string().trim().min(1, "Write the note first").max(NOTE_MAX, `A note can be at most ${NOTE_MAX} characters`),
});
