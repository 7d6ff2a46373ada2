"use server";
import { revalidatePath } from "next/cache";
import { dealerActionClient } from "@/lib/actions/client";
import { prisma } from "@/lib/db";
import { getArming, setArming } from "@/lib/chekt/api/arming";
import { readArming } from "@/lib/mirror/arming";
import { mirrorArming } from "@/lib/mirror/write";
import { setArmingSchema } from "@/lib/schemas/arming";

export const setArmingAction = dealerActionClient
  .metadata({ name: "arming.update", role: "operator", objectKind: "arming_setting" })
  .inputSchema(setArmingSchema)
  .action(async ({ parsedInput: { site_id, security_type }, ctx }) => {
    // "before" is what CHeKT last told us; only a site the mirror has no setting for costs a read.
    const known = await readArming(prisma, ctx.scope.dealerLinkId, site_id);
    const before = known
      ? { site_id, security_type: known.securityType }
      : await getArming(ctx.scope, site_id, { traceId: ctx.traceId });
    const after = await setArming(ctx.scope, site_id, security_type, { traceId: ctx.traceId });
    // Write-through: the mirror takes CHeKT's answer with the audit row, or neither is written.
    await ctx.commit({ chektId: site_id, dealerLinkId: ctx.scope.dealerLinkId, before, after }, (tx) =>
      mirrorArming(tx, ctx.scope.dealerLinkId, after, { how: "write" }),
    );
    revalidatePath(`/sites/${site_id}`);
    revalidatePath(`/sites/${site_id}/arming`);
    return { site_id, security_type: after.security_type };
  });
