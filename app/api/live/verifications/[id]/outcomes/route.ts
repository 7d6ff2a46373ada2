// What the outcome picker offers for one verification: the dealer's active outcome codes and the
// checklist of the verification's site (its own, or the dealer's it inherits). Postgres only.
import { refusedNotFoundJson, requireRouteDealer } from "@/lib/auth/require";
import { prisma } from "@/lib/db";
import { effectiveChecklist, listOutcomes } from "@/lib/verifications/outcomes";
import { verificationIdSchema } from "@/lib/verifications/schemas";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request, ctx: { params: Promise<{ id: string }> }) {
  const { user, dealer, denied } = await requireRouteDealer("viewer");
  if (denied) return denied;
  const id = verificationIdSchema.safeParse((await ctx.params).id);
  if (!id.success)
    return Response.json(
      { error: { code: "bad_id", message: id.error.issues[0]?.message ?? "Bad verification id" } },
      { status: 400 },
    );
  const v = await prisma.verification.findUnique({
    where: { dealerLinkId_id: { dealerLinkId: dealer.id, id: id.data } },
    select: { siteId: true },
  });
  if (!v) return refusedNotFoundJson({ user, dealer }, "verification", id.data, request);
  const [outcomes, checklist] = await Promise.all([
    listOutcomes(prisma, dealer, { activeOnly: true }),
    effectiveChecklist(prisma, dealer, v.siteId),
  ]);
  return Response.json({ outcomes, checklist }, { headers: { "cache-control": "private, no-store" } });
}
