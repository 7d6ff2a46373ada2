"use server";
import { z } from "zod";
import { namedMemberDealerActionClient, type ActionMetadata, type DealerActionContext } from "@/lib/actions/client";
import { answerVerification, checkStoredAnswer } from "@/lib/verifications/answer";
import { kickAnnotation } from "@/lib/verifications/annotate-worker";
import { claimInTx, releaseInTx, takeOverInTx } from "@/lib/verifications/claims";
import { addNoteInTx, saveDirectionsInTx } from "@/lib/verifications/desk-notes";
import { operatorName } from "@/lib/verifications/operator";
import type { MemberDealer } from "@/lib/dealer";
import type { Prisma } from "@/lib/generated/prisma/client";
import { answerSchema, directionsSchema, noteSchema, verificationIdSchema } from "@/lib/verifications/schemas";

// Every desk action names the dealer its page was drawn for (dealer: "named", lib/actions/client.ts): it
// works on that dealer, with the role held there, whichever dealer the user has switched to in another
// tab since, so an alarm answered from dealer A's page can only be one of A's.
const deskDealer = { dealerLinkId: z.string().min(1).max(64) };
const byId = z.object({ id: verificationIdSchema, ...deskDealer });
/** The metadata of an action on one verification of that dealer; each action adds its name and role. */
const onVerification = { objectKind: "verification", dealer: "named" } satisfies Partial<ActionMetadata>;

type Me = DealerActionContext["user"];

/**
 * An action (`client` carries its metadata) that changes who holds verification `id` of the named
 * dealer: `change` makes the change and its audit row says `after` (what it became), in one
 * transaction; `answer` is what the queue gets back.
 */
function claimAction<T, A>(
  client: ReturnType<typeof namedMemberDealerActionClient.metadata>,
  after: (me: Me) => object,
  change: (tx: Prisma.TransactionClient, dealer: MemberDealer, id: string, me: Me) => Promise<T>,
  answer: (result: T) => A,
) {
  return client.inputSchema(byId).action(async ({ parsedInput: { id }, ctx }) => {
    const result = await ctx.commit({ chektId: id, dealerLinkId: ctx.dealer.id, after: after(ctx.user) }, (tx) =>
      change(tx, ctx.dealer, id, ctx.user),
    );
    return answer(result);
  });
}

export const claimVerification = claimAction(
  namedMemberDealerActionClient.metadata({ ...onVerification, name: "verifications.claim", role: "operator" }),
  () => ({ state: "claimed" }),
  claimInTx,
  () => ({ claimed: true }),
);

/** A dealer admin takes another operator's claim (walked away, stuck); the audit row names both. */
export const takeOverVerification = claimAction(
  namedMemberDealerActionClient.metadata({ ...onVerification, name: "verifications.takeover", role: "admin" }),
  (me) => ({ state: "claimed", claimedBy: operatorName(me) }),
  takeOverInTx,
  (result) => ({ claimed: true, previous: result.previous }),
);

export const releaseVerification = claimAction(
  namedMemberDealerActionClient.metadata({ ...onVerification, name: "verifications.release", role: "operator" }),
  () => ({ state: "pending" }),
  releaseInTx,
  () => ({ released: true }),
);

export const answerVerificationAction = namedMemberDealerActionClient
  .metadata({ ...onVerification, name: "verifications.answer", role: "operator" })
  .inputSchema(answerSchema.extend(deskDealer))
  .action(async ({ parsedInput, ctx }) => {
    const result = await answerVerification(ctx, ctx.dealer, ctx.user, parsedInput);
    // CHeKT has the answer: the annotation's first attempt runs without holding up the operator.
    if (result.outcome === "answered") kickAnnotation(ctx.dealer.id, parsedInput.id, ctx.traceId);
    return result;
  });

/** "Check with CHeKT" after "may or may not have been saved": reads the alarm's status from CHeKT. */
export const checkAnswerAction = namedMemberDealerActionClient
  .metadata({ ...onVerification, name: "verifications.check", role: "operator" })
  .inputSchema(byId)
  .action(async ({ parsedInput, ctx }) => {
    return checkStoredAnswer(ctx, ctx.dealer, ctx.user, parsedInput.id);
  });

/** A site's directions (kept only here), edited from the detail view; empty text removes them. */
export const saveDirectionsAction = namedMemberDealerActionClient
  .metadata({ name: "verifications.directions", role: "operator", objectKind: "site", dealer: "named" })
  .inputSchema(directionsSchema.extend(deskDealer))
  .action(async ({ parsedInput, ctx }) => {
    const entry = {
      chektId: parsedInput.siteId,
      dealerLinkId: ctx.dealer.id,
      // What the save replaced, read in its transaction (the commit writes the row after the work).
      before: { directions: null as string | null },
      after: { directions: parsedInput.text || null },
    };
    await ctx.commit(entry, async (tx) => {
      const before = await saveDirectionsInTx(tx, ctx.dealer, parsedInput.siteId, parsedInput.text, ctx.user);
      entry.before = { directions: before };
    });
    return { saved: true };
  });

/** A note on a verification (who was called, what they said), part of its history. */
export const addNoteAction = namedMemberDealerActionClient
  .metadata({ ...onVerification, name: "verifications.note", role: "operator" })
  .inputSchema(noteSchema.extend(deskDealer))
  .action(async ({ parsedInput, ctx }) => {
    const note = await ctx.commit(
      { chektId: parsedInput.id, dealerLinkId: ctx.dealer.id, after: { note: parsedInput.text } },
      (tx) => addNoteInTx(tx, ctx.dealer, parsedInput.id, parsedInput.text, ctx.user),
    );
    return { noteId: note?.id ?? null };
  });
