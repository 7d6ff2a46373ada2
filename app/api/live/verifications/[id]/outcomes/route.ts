// What the outcome picker offers for one verification: the dealer's active outcome codes and the
// checklist of the verification's site (its own, or the dealer's it inherits). Postgres only.
import { refusedNotFoundJson } from "@/lib/auth/require";
import { prisma } from "@/lib/db";
import { effectiveChecklist, listOutcomes } from "@/lib/verifications/outcomes";
import { requireVerificationRead } from "@/lib/verifications/route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request, ctx: { params: Promise<{ id: string }> }) {
  const read = await requireVerificationRead(ctx.params);
  if (read.denied) return read.denied;
  const { user, dealer, id } = read;
  const v = await prisma.verification.findUnique({
    where: { dealerLinkId_id: { dealerLinkId: dealer.id, id } },
    select: { siteId: true },
  });
  if (!v) return refusedNotFoundJson({ user, dealer }, "verification", id, request);
  const [outcomes, checklist] = await Promise.all([
    listOutcomes(prisma, dealer, { activeOnly: true }),
    effectiveChecklist(prisma, dealer, v.siteId),
  ]);
  return Response.json({ outcomes, checklist }, { headers: { "cache-control": "private, no-store" } });
}
