// What the outcome picker offers for one verification: the dealer's active outcome codes and the
// checklist of the verification's site (its own, or the dealer's it inherits). Postgres only.
import { prisma } from "@/lib/db";
import { effectiveChecklist, listOutcomes } from "@/lib/verifications/outcomes";
import type { PickerOptions } from "@/lib/verifications/outcomes-schemas";
import { verificationRead } from "@/lib/verifications/route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = verificationRead(async ({ dealer, id }) => {
  const v = await prisma.verification.findUnique({
    where: { dealerLinkId_id: { dealerLinkId: dealer.id, id } },
    select: { siteId: true },
  });
  if (!v) return null;
  const [outcomes, checklist] = await Promise.all([
    listOutcomes(prisma, dealer, { activeOnly: true }),
    effectiveChecklist(prisma, dealer, v.siteId),
  ]);
  return { outcomes, checklist } satisfies PickerOptions;
});
