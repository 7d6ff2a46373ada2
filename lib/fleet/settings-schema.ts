// The fleet settings form and action (app/(console)/fleet/settings): the offline threshold and
// the optional SMTP server alerts are mailed through. Shared by the form and the action.
import { z } from "zod";
import { optionalEmail } from "@/lib/schemas/fields";

const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

/** Each recipient is read as every email of the console is: trimmed and lower-cased (lib/schemas/fields.ts). */
const recipient = optionalEmail("A recipient");

export const fleetSettingsSchema = z
  .object({
    offlineThresholdMin: z.coerce
      .number({ error: "Enter a number of minutes" })
      .int("Whole minutes")
      .min(1, "At least 1 minute")
      .max(10_080, "At most 7 days (10,080 minutes)"),
    smtpHost: optional(253).refine(
      (v) => v === undefined || /^[A-Za-z0-9.-]+$/.test(v),
      "A host name or IP address, e.g. smtp.example.com",
    ),
    smtpPort: z
      .union([z.literal(""), z.coerce.number().int().min(1, "1 to 65535").max(65_535, "1 to 65535")])
      .optional()
      .transform((v) => (v === "" ? undefined : v)),
    smtpUser: optional(200),
    // Empty keeps the stored password; clearSmtpPassword removes it.
    smtpPassword: optional(500),
    clearSmtpPassword: z.boolean().optional().default(false),
    smtpFrom: optionalEmail("The sender"),
    smtpRecipients: z
      .string()
      .max(4000)
      .optional()
      .transform((v, ctx) => {
        const list: string[] = [];
        for (const raw of (v ?? "").split(/[\s,;]+/).filter(Boolean)) {
          const one = recipient.safeParse(raw);
          if (!one.success || !one.data) {
            ctx.addIssue({ code: "custom", message: `"${raw}" is not an email address` });
            return [];
          }
          list.push(one.data);
        }
        // Lower-cased first, so "A@x.com, a@x.com" is one recipient and gets one mail.
        const distinct = [...new Set(list)];
        if (distinct.length > 20) ctx.addIssue({ code: "custom", message: "At most 20 recipients" });
        return distinct;
      }),
  })
  .superRefine((v, ctx) => {
    if (!v.smtpHost) return;
    if (!v.smtpPort)
      ctx.addIssue({
        code: "custom",
        path: ["smtpPort"],
        message: "A port is needed with a host (587 or 465 usually)",
      });
    if (!v.smtpFrom)
      ctx.addIssue({ code: "custom", path: ["smtpFrom"], message: "A sender address is needed with a host" });
    if (!v.smtpRecipients.length)
      ctx.addIssue({
        code: "custom",
        path: ["smtpRecipients"],
        message: "At least one recipient is needed with a host",
      });
  });
export type FleetSettingsInput = z.input<typeof fleetSettingsSchema>;
