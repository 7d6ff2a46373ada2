// A bulk item still to settle: not sent yet, or sent with no answer recorded (a runner that stopped
// mid-call leaves it "sending"). Every runner picks up, claims and counts what is left by this one
// set, so a resumed job takes up exactly the items a finished one would no longer count.
import { Prisma, type BulkItemState } from "@/lib/generated/prisma/client";

export const UNSETTLED_ITEM_STATES = ["pending", "sending"] as const satisfies readonly BulkItemState[];

/** `state IN ('pending', 'sending')` for raw SQL over `bulk_items` (or its `alias`). */
export function unsettledSql(alias?: string): Prisma.Sql {
  const column = Prisma.raw(alias ? `${alias}.state` : "state");
  const states = Prisma.raw(UNSETTLED_ITEM_STATES.map((s) => `'${s}'::"BulkItemState"`).join(", "));
  return Prisma.sql`${column} IN (${states})`;
}
