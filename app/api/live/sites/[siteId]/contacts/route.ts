// A site's contacts for the answer form's contact picker, from the mirror (no CHeKT call: it must
// work while CHeKT is down or rate-limiting), with when CHeKT last confirmed them.
import { refusedNotFoundJson, requireRouteDealer } from "@/lib/auth/require";
import { prisma } from "@/lib/db";
import { isChektIdText } from "@/lib/schemas/fields";
import { listSeen, readSiteContacts } from "@/lib/mirror/contacts";
import { contactLabel } from "@/lib/site-label";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request, ctx: { params: Promise<{ siteId: string }> }) {
  const { user, dealer, denied } = await requireRouteDealer("viewer");
  if (denied) return denied;
  const param = (await ctx.params).siteId;
  if (!isChektIdText(param)) {
    return Response.json(
      { error: { code: "bad_site", message: "Site ID must be a positive whole number" } },
      { status: 400 },
    );
  }
  const siteId = Number(param);
  const site = await prisma.mirrorSite.findUnique({
    where: { dealerLinkId_chektId: { dealerLinkId: dealer.id, chektId: siteId } },
    select: { chektId: true },
  });
  if (!site) return refusedNotFoundJson({ user, dealer }, "site", siteId, request);
  const { rows } = await readSiteContacts(prisma, dealer.id, siteId);
  const live = rows.filter((c) => !c.goneAt);
  const seen = await listSeen(prisma, dealer.id, siteId, "contacts", live);
  const contacts = live.map((c) => ({
    id: c.contact_id,
    name: contactLabel(c.contact_id, c.first_name, c.last_name),
    phone: c.phone_number,
  }));
  return Response.json(
    { contacts, asOf: seen.confirmedAt?.toISOString() ?? null },
    { headers: { "cache-control": "private, no-store" } },
  );
}
