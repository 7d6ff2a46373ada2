"use server";
import { revalidatePath } from "next/cache";
import { actionClient } from "@/lib/actions/client";
import { writeAudit } from "@/lib/audit";
import { ActionError } from "@/lib/actions/errors";
import { prisma } from "@/lib/db";
import { administeredDealerLinkIds } from "@/lib/dealer";
import type { DriftKind } from "@/lib/drift/compare";
import { runDrift } from "@/lib/drift/fetch";
import { fetchChektObject } from "@/lib/drift/object";
import { driftCheckSchema, forgetSchema, linkSchema, relinkSchema } from "@/lib/drift/schemas";
import type { Prisma } from "@/lib/generated/prisma/client";
import { deleteMapping, findMappingClash, upsertMapping } from "@/lib/mappings";

type Tx = Prisma.TransactionClient;

/** A mapping of a dealer this user administers; another dealer's mapping is "no longer exists" (404). */
async function loadMapping(userId: string, mappingId: string) {
  const allowed = await administeredDealerLinkIds(userId);
  return prisma.externalIdMapping.findFirst({
    where: { id: mappingId, ...(allowed ? { dealerLinkId: { in: allowed } } : {}) },
    include: { dealerLink: true },
  });
}

async function loadLink(dealerLinkId: string) {
  const link = await prisma.dealerLink.findUnique({ where: { id: dealerLinkId } });
  if (!link) throw new ActionError("not_found", "That dealer link no longer exists.");
  return link;
}

/** Another mapping of this dealer and kind already holding the id would break the unique keys. */
async function assertFree(
  tx: Tx,
  m: { dealerLinkId: string; kind: DriftKind; chektId: string; externalId: string; exceptId?: string },
) {
  const clash = await findMappingClash(tx, m);
  if (clash) {
    throw new ActionError(
      "conflict",
      `Another ${m.kind} mapping already uses CHeKT id ${clash.chektId} / ` +
        `external id "${clash.externalId}". Forget that one first.`,
    );
  }
}

export const driftCheckAction = actionClient
  .metadata({ name: "drift.check", role: "admin", objectKind: "mapping", notAudited: true })
  .inputSchema(driftCheckSchema)
  .action(async ({ parsedInput, ctx }) => {
    const link = await loadLink(parsedInput.dealerLinkId);
    return runDrift(link, ctx.traceId);
  });

export const relinkMappingAction = actionClient
  .metadata({ name: "drift.relink", role: "admin", objectKind: "mapping" })
  .inputSchema(relinkSchema)
  .action(async ({ parsedInput, ctx }) => {
    const mapping = await loadMapping(ctx.user.id, parsedInput.mappingId);
    if (!mapping) throw new ActionError("not_found", "That mapping no longer exists. Run the drift check again.");
    const kind = mapping.kind as DriftKind;
    const parent = mapping.parentChektId === null ? null : Number(mapping.parentChektId);
    const obj = await fetchChektObject(
      kind,
      mapping.dealerLink.chektDealerId,
      parsedInput.chektId,
      parent,
      ctx.traceId,
    );
    if (!obj)
      throw new ActionError(
        "not_found",
        `CHeKT has no ${kind} ${parsedInput.chektId} for this dealer. Run the drift check again.`,
      );
    if (!obj.externalId)
      throw new ActionError("no_external_id", `CHeKT's ${kind} ${obj.chektId} has no external id to link to.`);
    const before = { chektId: mapping.chektId, externalId: mapping.externalId, parentChektId: mapping.parentChektId };
    const after = { chektId: obj.chektId, externalId: obj.externalId, parentChektId: obj.parentChektId };
    await ctx.commit(
      {
        objectKind: kind,
        chektId: obj.chektId,
        externalId: obj.externalId,
        dealerLinkId: mapping.dealerLinkId,
        before,
        after,
      },
      async (tx) => {
        await assertFree(tx, {
          dealerLinkId: mapping.dealerLinkId,
          kind,
          chektId: obj.chektId,
          externalId: obj.externalId!,
          exceptId: mapping.id,
        });
        // The mapping moves to the object CHeKT has now: the old pair goes, the new one is recorded.
        await deleteMapping(tx, mapping.dealerLinkId, kind, mapping.chektId);
        await upsertMapping(tx, {
          dealerLinkId: mapping.dealerLinkId,
          kind,
          chektId: obj.chektId,
          externalId: obj.externalId!,
          parentChektId: obj.parentChektId,
        });
      },
    );
    revalidatePath("/drift");
    return after;
  });

export const linkObjectAction = actionClient
  .metadata({ name: "drift.link", role: "admin", objectKind: "mapping" })
  .inputSchema(linkSchema)
  .action(async ({ parsedInput, ctx }) => {
    const link = await loadLink(parsedInput.dealerLinkId);
    const obj = await fetchChektObject(
      parsedInput.kind,
      link.chektDealerId,
      parsedInput.chektId,
      parsedInput.parentChektId ?? null,
      ctx.traceId,
    );
    if (!obj)
      throw new ActionError(
        "not_found",
        `CHeKT has no ${parsedInput.kind} ${parsedInput.chektId} for this dealer. Run the drift check again.`,
      );
    if (!obj.externalId)
      throw new ActionError(
        "no_external_id",
        `CHeKT's ${parsedInput.kind} ${obj.chektId} has no external id; give it one in CHeKT first.`,
      );
    const after = {
      kind: obj.kind,
      chektId: obj.chektId,
      externalId: obj.externalId,
      parentChektId: obj.parentChektId,
    };
    await ctx.commit(
      { objectKind: obj.kind, chektId: obj.chektId, externalId: obj.externalId, dealerLinkId: link.id, after },
      async (tx) => {
        await assertFree(tx, {
          dealerLinkId: link.id,
          kind: obj.kind,
          chektId: obj.chektId,
          externalId: obj.externalId!,
        });
        await upsertMapping(tx, {
          dealerLinkId: link.id,
          kind: obj.kind,
          chektId: obj.chektId,
          externalId: obj.externalId!,
          parentChektId: obj.parentChektId,
        });
      },
    );
    revalidatePath("/drift");
    return after;
  });

export const forgetMappingAction = actionClient
  .metadata({ name: "drift.forget", role: "admin", objectKind: "mapping" })
  .inputSchema(forgetSchema)
  .action(async ({ parsedInput, ctx }) => {
    const mapping = await loadMapping(ctx.user.id, parsedInput.mappingId);
    if (!mapping) throw new ActionError("not_found", "That mapping no longer exists.");
    const before = {
      kind: mapping.kind,
      chektId: mapping.chektId,
      externalId: mapping.externalId,
      parentChektId: mapping.parentChektId,
    };
    await ctx.commit(
      {
        objectKind: mapping.kind,
        chektId: mapping.chektId,
        externalId: mapping.externalId,
        dealerLinkId: mapping.dealerLinkId,
        before,
      },
      (tx) => deleteMapping(tx, mapping.dealerLinkId, mapping.kind as DriftKind, mapping.chektId),
    );
    revalidatePath("/drift");
    return { forgotten: mapping.id };
  });

/**
 * Adopts every object CHeKT lists that we have no mapping for and that carries an external id
 * (typical right after connecting a dealer that already had sites). One audit row per mapping,
 * all in one transaction. An object whose ids a mapping made since the check already holds (another
 * admin, a site edit) is skipped and named, for a person to judge.
 */
export const linkAllAction = actionClient
  .metadata({ name: "drift.link_all", role: "admin", objectKind: "mapping" })
  .inputSchema(driftCheckSchema)
  .action(async ({ parsedInput, ctx }) => {
    const link = await loadLink(parsedInput.dealerLinkId);
    const run = await runDrift(link, ctx.traceId);
    const candidates = run.issues.flatMap((i) =>
      i.type === "missing_locally" && i.object.externalId ? [i.object] : [],
    );
    const skipped: string[] = [];
    let linked = 0;
    await ctx.commit({ dealerLinkId: link.id, after: { candidates: candidates.length } }, async (tx) => {
      for (const obj of candidates) {
        if (
          await findMappingClash(tx, {
            dealerLinkId: link.id,
            kind: obj.kind,
            chektId: obj.chektId,
            externalId: obj.externalId!,
          })
        ) {
          skipped.push(`${obj.kind} ${obj.chektId}`);
          continue;
        }
        await upsertMapping(tx, {
          dealerLinkId: link.id,
          kind: obj.kind,
          chektId: obj.chektId,
          externalId: obj.externalId!,
          parentChektId: obj.parentChektId,
        });
        await writeAudit(tx, {
          action: "drift.link",
          objectKind: obj.kind,
          chektId: obj.chektId,
          externalId: obj.externalId,
          dealerLinkId: link.id,
          after: { kind: obj.kind, chektId: obj.chektId, externalId: obj.externalId, parentChektId: obj.parentChektId },
          traceId: ctx.traceId,
          outcome: "success",
          user: ctx.user,
        });
        linked++;
      }
    });
    revalidatePath("/drift");
    return { linked, skipped };
  });
