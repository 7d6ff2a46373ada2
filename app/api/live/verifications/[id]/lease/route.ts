// The claimer's heartbeat: the open detail view renews its claim's lease here every few seconds.
// Not a server action: renewing an existing claim is no new decision, so it writes no audit row
// (the claim, takeover and release do) and must not queue behind the page's other actions.
import { requireRouteRole } from "@/lib/auth/require";
import { getCurrentDealer, NO_DEALER_MESSAGE } from "@/lib/dealer";
import { renewLease } from "@/lib/verifications/claims";
import { verificationIdSchema } from "@/lib/verifications/schemas";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(_request: Request, ctx: { params: Promise<{ id: string }> }) {
  const { user, denied } = await requireRouteRole("operator");
  if (denied) return denied;
  const dealer = await getCurrentDealer();
  if (!dealer) return Response.json({ error: { code: "no_dealer", message: NO_DEALER_MESSAGE } }, { status: 409 });
  const id = verificationIdSchema.safeParse((await ctx.params).id);
  if (!id.success) return Response.json({ error: { code: "bad_id", message: "Not a verification id" } }, { status: 400 });
  const lease = await renewLease(dealer, id.data, user.id);
  return Response.json({ held: lease.held, leaseExpiresAt: lease.leaseExpiresAt?.toISOString() ?? null }, { headers: { "cache-control": "no-store" } });
}
