// Shared by the answer form (browser) and the server actions: one definition of valid input.
import { z } from "zod";

export const verificationIdSchema = z.string().trim().min(1, "Verification id is required").max(100);

export const answerSchema = z.object({
  id: verificationIdSchema,
  action: z.enum(["dispatch", "disregard"], { message: "Choose Dispatch or Disregard" }),
  contactId: z.coerce.number({ message: "Pick the contact who handled it" }).int().positive("Pick the contact who handled it"),
});
export type AnswerInput = z.infer<typeof answerSchema>;
