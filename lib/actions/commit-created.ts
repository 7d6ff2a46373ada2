import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { upsertMapping, type MappingKind } from "@/lib/mappings";
import type { DealerActionContext } from "./client";

/**
 * The commit of a create CHeKT accepted, or of a resend recognised as its own first attempt
 * (lib/lost-answer.ts; the audit row then says `recognised`): the audit row with CHeKT's answer,
 * the external-ID mapping and, through `mirror`, the mirror row (write-through, docs/mirror.md).
 */
export function commitCreated<T extends object>(
  ctx: DealerActionContext,
  { object, recognised }: { object: T; recognised: boolean },
  m: { kind: MappingKind; chektId: number; externalId: string; parentChektId?: number },
  mirror: (tx: Prisma.TransactionClient, dealerLinkId: string) => Promise<unknown>,
): Promise<void> {
  const { dealerLinkId } = ctx.scope;
  return ctx.commit(
    { chektId: m.chektId, externalId: m.externalId, after: recognised ? { ...object, recognised } : object },
    async (tx) => {
      await upsertMapping(tx, { dealerLinkId, ...m });
      await mirror(tx, dealerLinkId);
    },
  );
}
