"use server";
import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { z } from "zod";
import { actionClient, dealerActionClient } from "@/lib/actions/client";
import { ActionError } from "@/lib/actions/errors";
import { prisma } from "@/lib/db";
import { disconnectDealer, getDealer, updateDealer } from "@/lib/chekt/api/dealers";
import { beginConnect } from "@/lib/chekt/api/oauth";
import { isChektError, type ChektError } from "@/lib/chekt/errors";
import type { DealerScope } from "@/lib/dealer-scope";
import { connectDealerSchema, updateDealerSchema } from "@/lib/schemas/dealer";
import { dealerBefore } from "@/lib/mirror/before";
import { mirrorDealer } from "@/lib/mirror/write";
import { isConnected, roleInDealerLink } from "@/lib/dealer";

/** What an audit row names of the dealer at hand: its CHeKT id, our id for it, its link. */
const dealerAudited = (scope: DealerScope) => ({
  chektId: scope.dealerId,
  externalId: scope.externalDealerId,
  dealerLinkId: scope.dealerLinkId,
});

export const updateDealerAction = dealerActionClient
  .metadata({ name: "dealer.update", role: "admin", objectKind: "dealer" })
  .inputSchema(updateDealerSchema)
  .action(async ({ parsedInput, ctx }) => {
    const before = await dealerBefore(ctx.scope.dealerLinkId, () => getDealer(ctx.scope, { traceId: ctx.traceId }));
    const dealer = await updateDealer(ctx.scope, parsedInput, { traceId: ctx.traceId });
    await ctx.commit({ ...dealerAudited(ctx.scope), before, after: dealer }, async (tx) => {
      if (dealer.company_name !== ctx.scope.companyName)
        await tx.dealerLink.update({
          where: { id: ctx.scope.dealerLinkId },
          data: { companyName: dealer.company_name },
        });
      // Write-through: CHeKT's answer, with the mapping and audit row (docs/mirror.md).
      await mirrorDealer(tx, ctx.scope.dealerLinkId, dealer, { how: "write" });
    });
    revalidatePath("/dealer");
    return { company_name: dealer.company_name };
  });

/**
 * First half of connecting a dealer: checks our ID is free, then sends the admin to CHeKT's
 * approval page. Nothing changes until CHeKT sends them back (app/api/dealers/callback).
 */
export const startDealerConnectAction = actionClient
  .metadata({ name: "dealer.connect.start", role: "admin", objectKind: "dealer" })
  .inputSchema(connectDealerSchema)
  .action(async ({ parsedInput, ctx }) => {
    const id = parsedInput.external_dealer_id;
    const taken = await prisma.dealerLink.findUnique({ where: { externalDealerId: id } });
    if (taken && isConnected(taken)) {
      // Any dealer's admin may start a connection: only the taken dealer's own members learn which dealer it is.
      if ((await roleInDealerLink(ctx.user.id, taken.id)) === null) {
        throw new ActionError("conflict", `The dealer ID "${id}" is already in use. Nothing was sent to CHeKT.`, {
          external_dealer_id: "Already in use; choose another ID.",
        });
      }
      throw new ActionError(
        "conflict",
        `The dealer ID "${id}" already belongs to ${taken.companyName} (CHeKT dealer ${taken.chektDealerId}). ` +
          "Nothing was sent to CHeKT.",
        { external_dealer_id: `Already used by ${taken.companyName}; choose another ID.` },
      );
    }
    const { url, cookie } = beginConnect({ ...parsedInput, userId: ctx.user.id });
    (await cookies()).set(cookie.name, cookie.value, cookie.options);
    await ctx.commit({ externalId: parsedInput.external_dealer_id, after: { company_name: parsedInput.company_name } });
    return { url };
  });

export const disconnectDealerAction = dealerActionClient
  .metadata({ name: "dealer.disconnect", role: "admin", objectKind: "dealer" })
  .inputSchema(z.object({ confirm_name: z.string().trim().min(1, "Type the dealer's name to confirm") }))
  .action(async ({ parsedInput, ctx }) => {
    if (parsedInput.confirm_name !== ctx.scope.companyName.trim()) {
      throw new ActionError("invalid_input", "The name typed does not match the dealer; nothing was changed.", {
        confirm_name: `Type ${ctx.scope.companyName} exactly.`,
      });
    }
    const dealer = await disconnectInChekt(ctx.scope, ctx.traceId);
    await ctx.commit(
      { ...dealerAudited(ctx.scope), after: dealer },
      // The link row stays (history, audit, webhook log refer to it); only its state changes.
      (tx) => tx.dealerLink.update({ where: { id: ctx.scope.dealerLinkId }, data: { disconnectedAt: new Date() } }),
    );
    revalidatePath("/", "layout");
    return { company_name: ctx.scope.companyName };
  });

/** CHeKT's answers that say the dealer is no longer ours to reach (dealerFor in simulator/sim.ts: 403, or 404). */
const unreachable = (e: unknown): e is ChektError =>
  isChektError(e) && (e.kind === "forbidden" || e.kind === "not_found");

/**
 * CHeKT's disconnect, or CHeKT's word that it is done already. A disconnect whose answer was lost (CHeKT
 * unlinked the dealer; we never heard) is sent again as a new request, and CHeKT refuses it: the dealer is
 * no longer ours to reach. Rethrowing that refusal would leave the link connected here for good, every
 * call and sweep for it refused, with no way to finish. So a refusal is checked with a read of the dealer:
 * refused the same way, the dealer is disconnected from us and the action finishes here; any other
 * answer (the dealer readable, CHeKT busy or down) leaves the refusal standing.
 */
async function disconnectInChekt(scope: DealerScope, traceId: string) {
  try {
    return await disconnectDealer(scope, { traceId });
  } catch (refused) {
    if (!unreachable(refused)) throw refused;
    const gone = await getDealer(scope, { traceId }).then(() => false, unreachable);
    if (!gone) throw refused;
    return {
      dealer_id: scope.dealerId,
      connected_in_chekt: false,
      chekt_answer: `${refused.status ?? ""} ${refused.code}`.trim(),
    };
  }
}
