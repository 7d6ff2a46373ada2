// The claimer's heartbeat: the open detail view renews its claim's lease here every few seconds.
// Not a server action: renewing an existing claim is no new decision, so it writes no audit row
// (the claim, takeover and release do) and must not queue behind the page's other actions.
import { pageDealerOf, refusedNotFoundJson, requireRouteDealer } from "@/lib/auth/require";
import { prisma } from "@/lib/db";
import { renewLease } from "@/lib/verifications/claims";
import { verificationIdSchema } from "@/lib/verifications/schemas";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request, ctx: { params: Promise<{ id: string }> }) {
  const { user, dealer, denied } = await requireRouteDealer("operator", { dealer: pageDealerOf(request) });
  if (denied) return denied;
  const id = verificationIdSchema.safeParse((await ctx.params).id);
  if (!id.success)
    return Response.json({ error: { code: "bad_id", message: "Not a verification id" } }, { status: 400 });
  const lease = await renewLease(dealer, id.data, user.id);
  // Not held: a lapsed or taken-over claim says so (held: false); an id this dealer does not have is a 404.
  if (!lease.held && (await prisma.verification.count({ where: { id: id.data, dealerLinkId: dealer.id } })) === 0) {
    return refusedNotFoundJson({ user, dealer }, "verification", id.data, request);
  }
  return Response.json(
    { held: lease.held, leaseExpiresAt: lease.leaseExpiresAt?.toISOString() ?? null },
    { headers: { "cache-control": "no-store" } },
  );
}
