"use server";
import { revalidatePath } from "next/cache";
import { dealerActionClient } from "@/lib/actions/client";
import { prisma } from "@/lib/db";
import { fleetSettingsSchema } from "@/lib/fleet/settings-schema";
import { seal } from "@/lib/settings/credentials";

/**
 * The current dealer's threshold and SMTP settings. The password is sealed at once; the audit row says only whether one
 * is set.
 */
export const saveFleetSettingsAction = dealerActionClient
  .metadata({ name: "settings.fleet", role: "admin", objectKind: "settings" })
  .inputSchema(fleetSettingsSchema)
  .action(async ({ parsedInput: p, ctx }) => {
    const prior = await prisma.fleetSettings.findUnique({ where: { dealerLinkId: ctx.scope.dealerLinkId } });
    const sealed = p.smtpPassword
      ? seal(p.smtpPassword)
      : p.clearSmtpPassword
        ? null
        : (prior?.smtpPasswordSealed ?? null);
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
