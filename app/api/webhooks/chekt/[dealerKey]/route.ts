// CHeKT's signed webhooks for one dealer link (the path segment is DealerLink.externalDealerId).
// Outside the sign-in wall on purpose: the HMAC signature is the authentication.
import { receiveWebhook } from "@/lib/webhooks/receive";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request, ctx: { params: Promise<{ dealerKey: string }> }) {
  const { dealerKey } = await ctx.params;
  return receiveWebhook(request, dealerKey);
}
