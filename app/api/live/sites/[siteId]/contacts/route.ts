// A site's contacts (from CHeKT, cached briefly) for the answer form's contact picker.
import { requireRouteRole } from "@/lib/auth/require";
import { getCurrentDealer, NO_DEALER_MESSAGE } from "@/lib/dealer";
import { prisma } from "@/lib/db";
import { siteContacts } from "@/lib/verifications/site-info";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(_request: Request, ctx: { params: Promise<{ siteId: string }> }) {
  const { denied } = await requireRouteRole("viewer");
  if (denied) return denied;
  const dealer = await getCurrentDealer();
  if (!dealer) return Response.json({ error: { code: "no_dealer", message: NO_DEALER_MESSAGE } }, { status: 409 });
  const siteId = Number((await ctx.params).siteId);
  if (!Number.isSafeInteger(siteId) || siteId <= 0) return Response.json({ error: { code: "bad_site", message: "Site id must be a positive integer" } }, { status: 400 });
  // The picker serves the queue: only a site with a verification of this dealer is asked about,
  // so another dealer's site id is a 404 here, never a question to CHeKT.
  const known = await prisma.verification.findFirst({ where: { dealerLinkId: dealer.id, siteId }, select: { id: true } });
  if (!known) return Response.json({ error: { code: "not_found", message: "No such site in this dealer's queue." } }, { status: 404 });
  const contacts = await siteContacts(dealer.chektDealerId, siteId);
  if (!contacts) return Response.json({ error: { code: "chekt_unavailable", message: "Could not load this site's contacts from CHeKT. Try again in a moment." } }, { status: 502 });
  return Response.json({ contacts }, { headers: { "cache-control": "private, max-age=30" } });
}
