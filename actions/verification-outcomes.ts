"use server";
import { dealerActionClient } from "@/lib/actions/client";
import { prisma } from "@/lib/db";
import { checklists, listOutcomes, saveChecklistInTx, saveOutcomesInTx } from "@/lib/verifications/outcomes";
import { checklistSchema, outcomesSchema } from "@/lib/verifications/outcomes-schemas";

/** The dealer's outcome codes, in order (dealer admins); codes left out are retired, not deleted. */
export const saveOutcomesAction = dealerActionClient
  .metadata({ name: "verifications.outcomes", role: "admin", objectKind: "dealer" })
  .inputSchema(outcomesSchema)
  .action(async ({ parsedInput, ctx }) => {
    const before = await listOutcomes(prisma, ctx.dealer);
    const result = await ctx.commit(
      { dealerLinkId: ctx.dealer.id, before: { outcomes: before }, after: { outcomes: parsedInput.outcomes } },
      (tx) => saveOutcomesInTx(tx, ctx.dealer, parsedInput),
    );
    return { saved: result?.after.length ?? 0 };
  });

/** The dealer's checklist, or a site's own checklist / back to the dealer's (dealer admins). */
export const saveChecklistAction = dealerActionClient
  .metadata({ name: "verifications.checklist", role: "admin", objectKind: "dealer" })
  .inputSchema(checklistSchema)
  .action(async ({ parsedInput, ctx }) => {
    const objectKind = parsedInput.siteId ? "site" : "dealer";
    const current = await checklists(prisma, ctx.dealer, parsedInput.siteId);
    const before = parsedInput.siteId
      ? { mode: current.site ? "own" : "inherit", steps: current.site }
      : { mode: "own", steps: current.dealer };
    const result = await ctx.commit(
      {
        objectKind,
        chektId: parsedInput.siteId ?? null,
        dealerLinkId: ctx.dealer.id,
        before,
        after: { mode: parsedInput.mode, steps: parsedInput.mode === "own" ? parsedInput.steps : null },
      },
      (tx) => saveChecklistInTx(tx, ctx.dealer, parsedInput, ctx.user),
    );
    return { steps: result?.after?.length ?? null };
  });
