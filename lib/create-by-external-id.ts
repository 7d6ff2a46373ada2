import "server-only";
import { commitCreated } from "@/lib/actions/commit-created";
import type { DealerActionContext } from "@/lib/actions/client";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { createOrRecognise } from "@/lib/lost-answer";
import { assertExternalIdFree, withExternalIdClaim, type MappingKind } from "@/lib/mappings";

/**
 * How a create action makes a CHeKT object that carries our external ID (site, station, contact):
 * under a lock on that ID (withExternalIdClaim), refused when the dealer already maps it, then
 * `check`, then CHeKT's create, or the lost first attempt recognised on a resend (lib/lost-answer.ts),
 * then one commit: audit row, mapping, mirror row (commitCreated). Returns CHeKT's object.
 */
export async function createByExternalId<F extends string, B extends Record<F, string>, T extends Record<F, string>>(
  ctx: DealerActionContext,
  o: {
    kind: MappingKind;
    /** What is sent to CHeKT, and the name of its external-ID field. */
    body: B;
    field: F;
    /** Rules of this kind checked under the lock (an account number already used, …). */
    check?: () => Promise<void>;
    create: () => Promise<T>;
    /** The object CHeKT holds under the external ID, for a 409 on a resend. */
    find: () => Promise<T | null>;
    chektId: (created: T) => number;
    parentChektId?: number;
    mirror: (tx: Prisma.TransactionClient, dealerLinkId: string, created: T) => Promise<unknown>;
  },
): Promise<T> {
  const { dealerLinkId } = ctx.scope;
  const externalId = o.body[o.field];
  return withExternalIdClaim(dealerLinkId, o.kind, externalId, async () => {
    await assertExternalIdFree(prisma, dealerLinkId, o.kind, externalId);
    await o.check?.();
    const result = await createOrRecognise(o.body, o.field, o.create, o.find);
    const created = result.object;
    const mapping = { kind: o.kind, chektId: o.chektId(created), externalId: created[o.field] };
    await commitCreated(ctx, result, { ...mapping, parentChektId: o.parentChektId }, (tx, link) =>
      o.mirror(tx, link, created),
    );
    return created;
  });
}
