"use server";
import { revalidatePath } from "next/cache";
import { dealerActionClient } from "@/lib/actions/client";
import { escalationSettingsSchema } from "@/lib/verifications/escalation-schema";
import { escalationSettingsFor, saveEscalationSettings } from "@/lib/verifications/escalation-settings";
import { operatorName } from "@/lib/verifications/operator";

/** The current dealer's escalation thresholds (N, M); admins only, audited with before and after. */
export const saveEscalationSettingsAction = dealerActionClient
  .metadata({ name: "verifications.escalation_settings", role: "admin", objectKind: "settings" })
  .inputSchema(escalationSettingsSchema)
  .action(async ({ parsedInput, ctx }) => {
    const prior = await escalationSettingsFor(ctx.dealer.id);
    const before = { unclaimedSeconds: prior.unclaimedSeconds, remainingSeconds: prior.remainingSeconds };
    await ctx.commit({ dealerLinkId: ctx.dealer.id, before, after: parsedInput }, (tx) =>
      saveEscalationSettings(tx, ctx.dealer.id, parsedInput, operatorName(ctx.user)),
    );
    revalidatePath("/verifications");
    return parsedInput;
  });
