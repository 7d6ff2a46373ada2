// Answering needs an outcome code of the dealer (lib/verifications/outcomes.ts): tests that answer
// seed the default set for their dealer link and pick one of each kind.
import { DEFAULT_OUTCOMES } from "@/lib/verifications/outcomes-defaults";

export type OutcomePicks = { dispatch: string; disregard: string };

/** Adds the default outcome codes to a dealer link (once) and returns the first of each kind. */
export async function seedTestOutcomes(dealerLinkId: string): Promise<OutcomePicks> {
  const { prisma } = await import("@/lib/db");
  if (!(await prisma.deskOutcome.count({ where: { dealerLinkId } }))) {
    await prisma.deskOutcome.createMany({
      data: DEFAULT_OUTCOMES.map((o, position) => ({ dealerLinkId, label: o.label, kind: o.kind, position })),
    });
  }
  const rows = await prisma.deskOutcome.findMany({
    where: { dealerLinkId, active: true },
    orderBy: { position: "asc" },
  });
  const first = (kind: string) => {
    const row = rows.find((r) => r.kind === kind);
    if (!row) throw new Error(`no active ${kind} outcome for ${dealerLinkId}`);
    return row.id;
  };
  return { dispatch: first("dispatch"), disregard: first("disregard") };
}
