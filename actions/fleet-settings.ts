"use server";
import { revalidatePath } from "next/cache";
import { dealerActionClient } from "@/lib/actions/client";
import { ActionError } from "@/lib/actions/errors";
import { prisma } from "@/lib/db";
import { fleetSettingsSchema } from "@/lib/fleet/settings-schema";
import { seal } from "@/lib/settings/credentials";

type Smtp = { smtpHost?: string | null; smtpUser?: string | null };
const sameHost = (a: Smtp, b: Smtp) => (a.smtpHost ?? "").toLowerCase() === (b.smtpHost ?? "").toLowerCase();

/**
 * The stored password when the form left the field empty: it goes to the server it was entered for, so only
 * while the host and the user stay the same. Otherwise an admin could point the alerts at a server of their
 * choosing and receive the password at its login. Without a host or a user there is no login to keep it for;
 * with a new one it must be typed again (or forgotten).
 */
function keptPassword(prior: (Smtp & { smtpPasswordSealed: string | null }) | null, p: Smtp): string | null {
  if (!prior?.smtpPasswordSealed) return null;
  if (sameHost(prior, p) && (prior.smtpUser ?? null) === (p.smtpUser ?? null)) return prior.smtpPasswordSealed;
  if (!p.smtpHost || !p.smtpUser) return null;
  throw new ActionError(
    "invalid_input",
    "The SMTP host or user changed: enter the password again for it (or save and forget the password). " +
      "The stored one is kept only for the server it was entered for. Nothing was saved.",
    { smtpPassword: "Enter the password again for the new host or user." },
  );
}

/**
 * The current dealer's threshold and SMTP settings. The password is sealed at once; the audit row says only whether one
 * is set.
 */
export const saveFleetSettingsAction = dealerActionClient
  .metadata({ name: "settings.fleet", role: "admin", objectKind: "settings" })
  .inputSchema(fleetSettingsSchema)
  .action(async ({ parsedInput: p, ctx }) => {
    const prior = await prisma.fleetSettings.findUnique({ where: { dealerLinkId: ctx.scope.dealerLinkId } });
    const sealed = p.smtpPassword ? seal(p.smtpPassword) : p.clearSmtpPassword ? null : keptPassword(prior, p);
    const data = {
      offlineThresholdMin: p.offlineThresholdMin,
      smtpHost: p.smtpHost ?? null,
      smtpPort: p.smtpPort ?? null,
      smtpUser: p.smtpUser ?? null,
      smtpPasswordSealed: sealed,
      smtpFrom: p.smtpFrom ?? null,
      smtpRecipients: p.smtpRecipients,
    };
    const shown = (d: { smtpPasswordSealed: string | null } & Record<string, unknown>) => ({
      ...d,
      smtpPasswordSealed: undefined,
      smtpPassword: d.smtpPasswordSealed ? "set" : "unset",
    });
    await ctx.commit(
      {
        dealerLinkId: ctx.scope.dealerLinkId,
        before: prior ? shown({ ...prior, updatedAt: undefined }) : null,
        after: shown(data),
      },
      (tx) =>
        tx.fleetSettings.upsert({
          where: { dealerLinkId: ctx.scope.dealerLinkId },
          create: { dealerLinkId: ctx.scope.dealerLinkId, ...data },
          update: data,
        }),
    );
    revalidatePath("/fleet");
    return { offlineThresholdMin: data.offlineThresholdMin, email: Boolean(data.smtpHost) };
  });
