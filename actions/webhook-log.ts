"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { dealerActionClient } from "@/lib/actions/client";
import { ActionError } from "@/lib/actions/errors";
import { prisma } from "@/lib/db";
import { reapplyStoredEvent } from "@/lib/webhooks/store";

const reapplySchema = z.object({ eventId: z.string().trim().min(1, "Choose an event").max(200) });

/** Applies a stored event again. Idempotent: the webhooks helper's apply writes are upserts. */
export const reapplyEventAction = dealerActionClient
  .metadata({ name: "webhooks.reapply", role: "admin", objectKind: "webhook_event" })
  .inputSchema(reapplySchema)
  .action(async ({ parsedInput, ctx }) => {
    // Looked up within the current dealer: another dealer's event id is "no such event".
    const key = { dealerLinkId_id: { dealerLinkId: ctx.dealer.id, id: parsedInput.eventId } };
    const before = await prisma.webhookEvent.findUnique({
      where: key,
      select: { applyStatus: true, applyNote: true, dealerLinkId: true, type: true },
    });
    if (!before)
      throw new ActionError(
        "not_found",
        `No stored event ${parsedInput.eventId}: only accepted deliveries can be re-applied.`,
      );
    const result = await reapplyStoredEvent(ctx.dealer.id, parsedInput.eventId);
    // A refusal is audited by the action client (outcome failure, with this message).
    if (!result.ok) throw new ActionError("not_applied", `Not applied: ${result.note}`);
    const after = await prisma.webhookEvent.findUnique({ where: key, select: { applyStatus: true, applyNote: true } });
    await ctx.commit({
      externalId: parsedInput.eventId,
      dealerLinkId: before.dealerLinkId,
      before: { applyStatus: before.applyStatus, applyNote: before.applyNote },
      after: { ...after, note: result.note },
    });
    revalidatePath("/webhook-log");
    return { note: result.note };
  });
