"use server";
import { revalidatePath } from "next/cache";
import { actionClient } from "@/lib/actions/client";
import { getArming, setArming } from "@/lib/chekt/api/arming";
import { requireDealerScope } from "@/lib/dealer-scope";
import { setArmingSchema } from "@/lib/schemas/arming";

export const setArmingAction = actionClient
  .metadata({ name: "arming.update", role: "operator", objectKind: "arming_setting" })
  .inputSchema(setArmingSchema)
  .action(async ({ parsedInput: { site_id, security_type }, ctx }) => {
    const scope = await requireDealerScope();
    const before = await getArming(scope, site_id, { traceId: ctx.traceId });
    const after = await setArming(scope, site_id, security_type, { traceId: ctx.traceId });
    await ctx.commit({ action: "arming.update", objectKind: "arming_setting", chektId: site_id, dealerLinkId: scope.dealerLinkId, before, after });
    revalidatePath(`/sites/${site_id}`);
    revalidatePath(`/sites/${site_id}/arming`);
    return { site_id, security_type: after.security_type };
  });
