import "server-only";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DEFAULT_ESCALATION, type EscalationSettings } from "./escalation";

/** The dealer's N and M; the defaults (60 s, 120 s) until an admin saves its own. */
export async function escalationSettingsFor(
  dealerLinkId: string,
): Promise<EscalationSettings & { updatedByName: string | null; updatedAt: Date | null }> {
  const row = await prisma.deskEscalationSettings.findUnique({ where: { dealerLinkId } });
  if (!row) return { ...DEFAULT_ESCALATION, updatedByName: null, updatedAt: null };
  return {
    unclaimedSeconds: row.unclaimedSeconds,
    remainingSeconds: row.remainingSeconds,
    updatedByName: row.updatedByName,
    updatedAt: row.updatedAt,
  };
}

/** Saves them inside the action's transaction (the audit row commits with it). */
export async function saveEscalationSettings(
  tx: Prisma.TransactionClient,
  dealerLinkId: string,
  settings: EscalationSettings,
  byName: string,
) {
  const data = {
    unclaimedSeconds: settings.unclaimedSeconds,
    remainingSeconds: settings.remainingSeconds,
    updatedByName: byName,
  };
  await tx.deskEscalationSettings.upsert({ where: { dealerLinkId }, create: { dealerLinkId, ...data }, update: data });
}
