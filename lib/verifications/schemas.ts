// Shared by the answer form (browser) and the server actions: one definition of valid input.
import { z } from "zod";
import { MAX_CHEKT_ID } from "@/lib/schemas/fields";
import { answerOutcomeFields } from "./outcomes-schemas";

export const verificationIdSchema = z.string().trim().min(1, "Verification ID is required").max(100);

export const answerSchema = z.object({
  id: verificationIdSchema,
  action: z.enum(["dispatch", "disregard"], { message: "Choose Dispatch or Disregard" }),
  contactId: z.coerce
    .number({ message: "Pick the contact who handled it" })
    .int()
    .positive("Pick the contact who handled it")
    .max(MAX_CHEKT_ID, "Pick the contact who handled it"),
  // The desk's outcome code and checked steps (lib/verifications/outcomes.ts checks them per dealer).
  ...answerOutcomeFields,
});
export type AnswerInput = z.infer<typeof answerSchema>;

export const DIRECTIONS_MAX = 4000;
export const NOTE_MAX = 2000;

export const directionsSchema = z.object({
  siteId: z.coerce
    .number({ message: "Site ID must be a number" })
    .int()
    .positive("Site ID must be a positive number")
    .max(MAX_CHEKT_ID, `Site ID must be a CHeKT ID (at most ${MAX_CHEKT_ID})`),
  text: z.string().trim().max(DIRECTIONS_MAX, `Directions can be at most ${DIRECTIONS_MAX} characters`),
});

export const noteSchema = z.object({
  id: verificationIdSchema,
  text: z.string().trim().min(1, "Write the note first").max(NOTE_MAX, `A note can be at most ${NOTE_MAX} characters`),
});
