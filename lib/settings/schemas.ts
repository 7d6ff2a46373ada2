import { z } from "zod";
import { API_KEY_PATTERN } from "@/lib/chekt/contract-lists";

// Shared by the Settings forms and their actions (no "use server" here, so the client can import it).

const apiKey = z
  .string()
  .trim()
  .regex(
    API_KEY_PATTERN,
    "An API key starts with chekt_live_ or chekt_test_ and is at least 32 characters, letters and digits",
  );
const signingSecret = z
  .string()
  .trim()
  .min(16, "A signing secret is at least 16 characters")
  .max(512, "That is too long for a signing secret");

export const setDealerSecretsSchema = z
  .object({
    dealerLinkId: z.string().min(1, "Choose a dealer"),
    apiKey: z.union([z.literal(""), apiKey]).optional(),
    webhookSecret: z.union([z.literal(""), signingSecret]).optional(),
    clearApiKey: z.boolean().optional(),
    clearWebhookSecret: z.boolean().optional(),
  })
  .refine((v) => v.apiKey || v.webhookSecret || v.clearApiKey || v.clearWebhookSecret, {
    message: "Enter a new API key or signing secret (or choose to clear one)",
    path: ["apiKey"],
  });
export type SetDealerSecretsInput = z.infer<typeof setDealerSecretsSchema>;

export const checkConnectionSchema = z.object({ dealerLinkId: z.string().min(1, "Choose a dealer") });
export const testEventSchema = z.object({ dealerLinkId: z.string().min(1, "Choose a dealer") });

export const appDevicesSchema = z.object({
  dealerLinkId: z.string().min(1, "Choose a dealer"),
  cursor: z.string().max(500).optional(),
  limit: z.number().int().min(1).max(100).default(25),
});
