import "server-only";
import { commitCreated } from "@/lib/actions/commit-created";
import type { DealerActionContext } from "@/lib/actions/client";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { createOrRecognise } from "@/lib/lost-answer";
import {
  assertExternalIdFree,
  externalIdField,
  withExternalIdClaim,
  type ExternalIdField,
  type MappingKind,
} from "@/lib/mappings";

/**
 * How a resend finds the object its lost first attempt made: a lookup by external ID, or (where
 * CHeKT has none) the parent's list, searched here for the ID.
 */
type Existing<T> = { find: () => Promise<T | null> } | { list: () => Promise<T[]> };

/**
 * How a create action makes a CHeKT object that carries our external ID (site, station, contact):
 * under a lock on that ID (withExternalIdClaim), refused when the dealer already maps it, then
 * `check`, then CHeKT's create, or the lost first attempt recognised on a resend (lib/lost-answer.ts),
 * then one commit: audit row, mapping, mirror row (commitCreated). Returns CHeKT's object.
 */
export async function createByExternalId<
  K extends MappingKind,
  B extends Record<ExternalIdField<K>, string>,
  T extends Record<ExternalIdField<K>, string>,
>(
  ctx: DealerActionContext,
  o: {
    kind: K;
    /** What is sent to CHeKT, its external-ID field named by `kind`. */
    body: B;
    /** Rules of this kind checked under the lock (an account number already used, …). */
    check?: () => Promise<void>;
    create: () => Promise<T>;
    chektId: (created: T) => number;
    parentChektId?: number;
    mirror: (tx: Prisma.TransactionClient, dealerLinkId: string, created: T) => Promise<unknown>;
  } & Existing<T>,
): Promise<T> {
  const { dealerLinkId } = ctx.scope;
  const field = externalIdField(o.kind);
  const externalId: string = o.body[field];
  const find = "find" in o ? o.find : async () => (await o.list()).find((x) => x[field] === externalId) ?? null;
  return withExternalIdClaim(dealerLinkId, o.kind, externalId, async () => {
    await assertExternalIdFree(prisma, dealerLinkId, o.kind, externalId);
    await o.check?.();
    const result = await createOrRecognise(o.body, field, o.create, find);
    const created = result.object;
    const mapping = { kind: o.kind, chektId: o.chektId(created), externalId: created[field] };
    await commitCreated(ctx, result, { ...mapping, parentChektId: o.parentChektId }, (tx, link) =>
      o.mirror(tx, link, created),
    );
    return created;
  });
}
