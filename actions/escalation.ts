"use server";
import { revalidatePath } from "next/cache";
import { actionClient } from "@/lib/actions/client";
import { escalationSettingsSchema } from "@/lib/verifications/escalation-schema";
import { escalationSettingsFor, saveEscalationSettings } from "@/lib/verifications/escalation-settings";

/** The current dealer's escalation thresholds (N, M); admins only, audited with before and after. */
export const saveEscalationSettingsAction = actionClient
  .metadata({ name: "verifications.escalation_settings", role: "admin", objectKind: "settings" })
  .inputSchema(escalationSettingsSchema)
  .action(async ({ parsedInput, ctx }) => {
    const dealer = ctx.requireDealer();
    const prior = await escalationSettingsFor(dealer.id);
    const before = { unclaimedSeconds: prior.unclaimedSeconds, remainingSeconds: prior.remainingSeconds };
    await ctx.commit({ dealerLinkId: dealer.id, before, after: parsedInput }, (tx) =>
      saveEscalationSettings(tx, dealer.id, parsedInput, ctx.user.name || ctx.user.email),
    );
    revalidatePath("/verifications");
    return parsedInput;
  });
