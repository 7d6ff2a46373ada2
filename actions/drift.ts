"use server";
import { revalidatePath } from "next/cache";
import { namedDealerActionClient, type ActionContext } from "@/lib/actions/client";
import type { CommitEntry } from "@/lib/actions/commit";
import { writeAudit } from "@/lib/audit";
import type { AuditObjectKind } from "@/lib/audit-kinds";
import { ActionError } from "@/lib/actions/errors";
import { prisma } from "@/lib/db";
import type { ChektObject, DriftKind } from "@/lib/drift/compare";
import { runDrift } from "@/lib/drift/fetch";
import { fetchChektObject } from "@/lib/drift/object";
import { driftCheckSchema, forgetSchema, linkSchema, relinkSchema } from "@/lib/drift/schemas";
import type { Prisma } from "@/lib/generated/prisma/client";
import { deleteMapping, findMappingClash, upsertMapping } from "@/lib/mappings";

type Tx = Prisma.TransactionClient;

// Every drift action works on the dealer the drift page picked (`?dealer=`), which its input names:
// the role is checked there (dealer: "named"), and a mapping or link is looked up in ctx.dealer only.

/** A mapping of the action's dealer; a gone one, or another dealer's, is "no longer exists" (404), then `hint`. */
async function loadMapping(dealerLinkId: string, mappingId: string, hint = "") {
  const mapping = await prisma.externalIdMapping.findFirst({
    where: { id: mappingId, dealerLinkId },
    include: { dealerLink: true },
  });
  if (!mapping) throw new ActionError("not_found", `That mapping no longer exists.${hint}`);
  return mapping;
}

async function loadLink(dealerLinkId: string) {
  const link = await prisma.dealerLink.findUnique({ where: { id: dealerLinkId } });
  if (!link) throw new ActionError("not_found", "That dealer link no longer exists.");
  return link;
}

/** A CHeKT object that carries an external id, so a mapping can be made for it. */
type Linkable = ChektObject & { externalId: string };

/** The object as CHeKT has it now; a person is told when it is gone or has no external id (`noIdHint` says why). */
async function fetchLinkable(
  kind: DriftKind,
  dealerId: number,
  chektId: number,
  parentChektId: number | null,
  traceId: string,
  noIdHint: string,
): Promise<Linkable> {
  const obj = await fetchChektObject(kind, dealerId, chektId, parentChektId, traceId);
  if (!obj)
    throw new ActionError("not_found", `CHeKT has no ${kind} ${chektId} for this dealer. Run the drift check again.`);
  if (!obj.externalId)
    throw new ActionError("no_external_id", `CHeKT's ${kind} ${obj.chektId} has no external id${noIdHint}`);
  return { ...obj, externalId: obj.externalId };
}

/** The mapping row for `obj` in this dealer link, in the key order the audit rows keep. */
const mappingOf = (dealerLinkId: string, obj: Linkable) => ({
  dealerLinkId,
  kind: obj.kind,
  chektId: obj.chektId,
  externalId: obj.externalId,
  parentChektId: obj.parentChektId,
});

/** What a mapping change's audit row names: the mapped object's kind and both its ids, in its dealer link. */
const auditSubject = (dealerLinkId: string, o: { kind: AuditObjectKind; chektId: string; externalId: string }) => ({
  objectKind: o.kind,
  chektId: o.chektId,
  externalId: o.externalId,
  dealerLinkId,
});

/**
 * Records `obj`'s mapping; refused when another mapping of this dealer and kind already holds
 * either id (it would break the unique keys).
 */
async function mapFree(tx: Tx, dealerLinkId: string, obj: Linkable, exceptId?: string) {
  const m = mappingOf(dealerLinkId, obj);
  const clash = await findMappingClash(tx, { ...m, exceptId });
  if (clash) {
    throw new ActionError(
      "conflict",
      `Another ${m.kind} mapping already uses CHeKT id ${clash.chektId} / ` +
        `external id "${clash.externalId}". Forget that one first.`,
    );
  }
  await upsertMapping(tx, m);
}

/** A mapping change with its audit row, in one transaction; the drift page then shows it. */
async function commitMapping<T>(ctx: ActionContext, entry: CommitEntry, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const r = await ctx.commit(entry, fn);
  revalidatePath("/drift");
  return r;
}

export const driftCheckAction = namedDealerActionClient
  .metadata({ name: "drift.check", role: "admin", objectKind: "mapping", dealer: "named", notAudited: true })
  .inputSchema(driftCheckSchema)
  .action(async ({ ctx }) => {
    const link = await loadLink(ctx.dealer.id);
    return runDrift(link, ctx.traceId);
  });

export const relinkMappingAction = namedDealerActionClient
  .metadata({ name: "drift.relink", role: "admin", objectKind: "mapping", dealer: "named" })
  .inputSchema(relinkSchema)
  .action(async ({ parsedInput, ctx }) => {
    const mapping = await loadMapping(ctx.dealer.id, parsedInput.mappingId, " Run the drift check again.");
    const kind = mapping.kind;
    const parent = mapping.parentChektId === null ? null : Number(mapping.parentChektId);
    const dealerId = mapping.dealerLink.chektDealerId;
    const obj = await fetchLinkable(kind, dealerId, parsedInput.chektId, parent, ctx.traceId, " to link to.");
    const before = { chektId: mapping.chektId, externalId: mapping.externalId, parentChektId: mapping.parentChektId };
    const after = { chektId: obj.chektId, externalId: obj.externalId, parentChektId: obj.parentChektId };
    await commitMapping(ctx, { ...auditSubject(mapping.dealerLinkId, obj), before, after }, async (tx) => {
      // The mapping moves to the object CHeKT has now: the old pair goes, the new one is recorded
      // (the clash check leaves this mapping out, so the order inside the transaction is free).
      await deleteMapping(tx, mapping.dealerLinkId, kind, mapping.chektId);
      await mapFree(tx, mapping.dealerLinkId, obj, mapping.id);
    });
    return after;
  });

export const linkObjectAction = namedDealerActionClient
  .metadata({ name: "drift.link", role: "admin", objectKind: "mapping", dealer: "named" })
  .inputSchema(linkSchema)
  .action(async ({ parsedInput, ctx }) => {
    const link = await loadLink(ctx.dealer.id);
    const { kind, chektId, parentChektId } = parsedInput;
    const hint = "; give it one in CHeKT first.";
    const obj = await fetchLinkable(kind, link.chektDealerId, chektId, parentChektId ?? null, ctx.traceId, hint);
    const { dealerLinkId: _, ...after } = mappingOf(link.id, obj);
    await commitMapping(ctx, { ...auditSubject(link.id, obj), after }, (tx) => mapFree(tx, link.id, obj));
    return after;
  });

export const forgetMappingAction = namedDealerActionClient
  .metadata({ name: "drift.forget", role: "admin", objectKind: "mapping", dealer: "named" })
  .inputSchema(forgetSchema)
  .action(async ({ parsedInput, ctx }) => {
    const mapping = await loadMapping(ctx.dealer.id, parsedInput.mappingId);
    const before = {
      kind: mapping.kind,
      chektId: mapping.chektId,
      externalId: mapping.externalId,
      parentChektId: mapping.parentChektId,
    };
    await commitMapping(ctx, { ...auditSubject(mapping.dealerLinkId, mapping), before }, (tx) =>
      deleteMapping(tx, mapping.dealerLinkId, mapping.kind, mapping.chektId),
    );
    return { forgotten: mapping.id };
  });

/**
 * Adopts every object CHeKT lists that we have no mapping for and that carries an external id
 * (typical right after connecting a dealer that already had sites). One audit row per mapping,
 * all in one transaction. An object whose ids a mapping made since the check already holds (another
 * admin, a site edit) is skipped and named, for a person to judge.
 */
export const linkAllAction = namedDealerActionClient
  .metadata({ name: "drift.link_all", role: "admin", objectKind: "mapping", dealer: "named" })
  .inputSchema(driftCheckSchema)
  .action(async ({ ctx }) => {
    const link = await loadLink(ctx.dealer.id);
    const run = await runDrift(link, ctx.traceId);
    const candidates = run.issues.flatMap((i): Linkable[] =>
      i.type === "missing_locally" && i.object.externalId ? [{ ...i.object, externalId: i.object.externalId }] : [],
    );
    const skipped: string[] = [];
    let linked = 0;
    await commitMapping(ctx, { dealerLinkId: link.id, after: { candidates: candidates.length } }, async (tx) => {
      for (const obj of candidates) {
        const m = mappingOf(link.id, obj);
        if (await findMappingClash(tx, m)) {
          skipped.push(`${obj.kind} ${obj.chektId}`);
          continue;
        }
        await upsertMapping(tx, m);
        const { dealerLinkId: _, ...after } = m;
        await writeAudit(tx, {
          action: "drift.link",
          ...auditSubject(link.id, obj),
          after,
          traceId: ctx.traceId,
          outcome: "success",
          user: ctx.user,
        });
        linked++;
      }
    });
    return { linked, skipped };
  });
