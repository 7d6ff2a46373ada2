// A site's contacts for the answer form's contact picker, from the mirror (no CHeKT call: it must
// work while CHeKT is down or rate-limiting), with when CHeKT last confirmed them.
import { requireRouteRole } from "@/lib/auth/require";
import { prisma } from "@/lib/db";
import { getCurrentDealer, NO_DEALER_MESSAGE } from "@/lib/dealer";
import { listSeen, readSiteContacts } from "@/lib/mirror/contacts";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(_request: Request, ctx: { params: Promise<{ siteId: string }> }) {
  const { denied } = await requireRouteRole("viewer");
  if (denied) return denied;
  const dealer = await getCurrentDealer();
  if (!dealer) return Response.json({ error: { code: "no_dealer", message: NO_DEALER_MESSAGE } }, { status: 409 });
  const siteId = Number((await ctx.params).siteId);
  if (!Number.isSafeInteger(siteId) || siteId <= 0 || siteId > 2_147_483_647) {
    return Response.json({ error: { code: "bad_site", message: "Site id must be a positive integer" } }, { status: 400 });
  }
  const site = await prisma.mirrorSite.findUnique({ where: { dealerLinkId_chektId: { dealerLinkId: dealer.id, chektId: siteId } }, select: { chektId: true } });
  if (!site) return Response.json({ error: { code: "not_found", message: `This dealer has no site ${siteId}.` } }, { status: 404 });
  const { rows } = await readSiteContacts(prisma, dealer.id, siteId);
  const live = rows.filter((c) => !c.goneAt);
  const seen = await listSeen(prisma, dealer.id, live);
  const contacts = live.map((c) => ({ id: c.contact_id, name: `${c.first_name} ${c.last_name}`.trim() || `Contact ${c.contact_id}`, phone: c.phone_number }));
  return Response.json({ contacts, asOf: seen.confirmedAt?.toISOString() ?? null }, { headers: { "cache-control": "private, no-store" } });
}
