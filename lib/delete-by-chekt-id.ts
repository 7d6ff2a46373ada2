import "server-only";
import type { DealerActionContext } from "@/lib/actions/client";
import { isChektError } from "@/lib/chekt/errors";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { deleteMapping } from "@/lib/mappings";
import { forget } from "@/lib/mirror/write";

/** What the audit row of a delete CHeKT had already done says it found. */
const ALREADY_DELETED = { already_deleted_in_chekt: true } as const;

type Kind =
  | { mapping: "site"; mirror: "site" }
  | { mapping: "monitoring_station"; mirror: "station" }
  | { mapping: "contact"; mirror: "contact" };

/**
 * How a delete action (site, station, contact) deletes a CHeKT object: read what is deleted (the
 * audit row keeps it; CHeKT keeps nothing after), delete it, then one commit of the audit row, the
 * mapping's and the mirror row's removal and `alsoForget`. Returns what was deleted, or null when
 * nothing here holds more of it than its external ID.
 *
 * A 404 to the read or the delete after a lost answer (CHeKT deleted it, the answer never came, the
 * user deletes again) is the first attempt's outcome: the delete finishes here, its audit row saying
 * CHeKT had already deleted it (lib/jobs/bulk-runner.ts takes a resent delete's 404 the same way).
 * Only for an id this dealer holds — its mirror row or its mapping, under `parentChektId` for a
 * contact — since CHeKT answers 404 alike for another dealer's object (or ours named under another
 * site): for those the 404 stands and nothing here changes.
 */
export async function deleteByChektId<T extends object>(
  ctx: DealerActionContext,
  o: Kind & {
    chektId: number;
    /** The site of a contact: its mirror row and mapping count only under that site. */
    parentChektId?: number;
    /** What is deleted, as the audit row's "before" (CHeKT's read, or the mirror's copy). */
    read: () => Promise<T>;
    remove: () => Promise<unknown>;
    /** A mirror row's dto as this kind's DTO (lib/mirror/dto.ts); null when unreadable. */
    fromMirror: (dto: unknown) => T | null;
    externalId: (before: T) => string;
    /** More to remove in the same transaction (a site's children's mappings). */
    alsoForget?: (tx: Prisma.TransactionClient) => Promise<void>;
  },
): Promise<T | null> {
  const { dealerLinkId } = ctx.scope;
  const forgetIt = async (tx: Prisma.TransactionClient) => {
    await deleteMapping(tx, dealerLinkId, o.mapping, o.chektId);
    await o.alsoForget?.(tx);
    await forget(tx, dealerLinkId, o.mirror, o.chektId);
  };
  let before: T | null = null;
  try {
    before = await o.read();
    await o.remove();
  } catch (error) {
    if (!isChektError(error) || error.kind !== "not_found") throw error;
    // A read CHeKT answered was of this dealer's object; otherwise only our own records say it is.
    const own = before === null ? await heldHere(dealerLinkId, o) : null;
    const held = before ?? o.fromMirror(own?.dto);
    const externalId = held ? o.externalId(held) : (own?.externalId ?? null);
    if (externalId === null) throw error;
    await ctx.commit({ chektId: o.chektId, externalId, before: held, after: ALREADY_DELETED }, forgetIt);
    return held;
  }
  await ctx.commit({ chektId: o.chektId, externalId: o.externalId(before), before }, forgetIt);
  return before;
}

type Held = Kind & { chektId: number; parentChektId?: number };

/**
 * Whether CHeKT's 404 for an id is about this dealer's object: what our own records hold of it —
 * its mirror row's dto (gone or not), its mapping's external ID — or null when neither does. A
 * contact counts only under `parentChektId`, the site it was asked for under: CHeKT answers 404
 * alike for another dealer's object and for ours named under another site, and those say nothing
 * of anything here.
 */
export async function heldHere(
  dealerLinkId: string,
  o: Held,
): Promise<{ dto: unknown; externalId: string | null } | null> {
  const [dto, externalId] = await Promise.all([mirroredDto(dealerLinkId, o), mappedExternalId(dealerLinkId, o)]);
  return dto === undefined && externalId === null ? null : { dto, externalId };
}

/** The mirror row's dto, gone or not; a contact's only on its own site. */
async function mirroredDto(dealerLinkId: string, o: Held): Promise<unknown> {
  const args = { where: { dealerLinkId_chektId: { dealerLinkId, chektId: o.chektId } } };
  if (o.mirror === "site") return (await prisma.mirrorSite.findUnique(args))?.dto;
  if (o.mirror === "station") return (await prisma.mirrorStation.findUnique(args))?.dto;
  const row = await prisma.mirrorContact.findUnique(args);
  return row && row.siteId === o.parentChektId ? row.dto : undefined;
}

async function mappedExternalId(dealerLinkId: string, o: Held): Promise<string | null> {
  const mapping = await prisma.externalIdMapping.findFirst({
    where: {
      dealerLinkId,
      kind: o.mapping,
      chektId: String(o.chektId),
      ...(o.parentChektId === undefined ? {} : { parentChektId: String(o.parentChektId) }),
    },
    select: { externalId: true },
  });
  return mapping?.externalId ?? null;
}
