import "server-only";
import { notFound } from "next/navigation";
import { refuseNotFound, type DealerScope } from "@/lib/auth/require";
import { prisma } from "@/lib/db";
import { administeredDealerLinkIds, isConnected } from "@/lib/dealer";

/** Dealer links this admin can pick on the admin pages (those they administer; all for the owner), connected first. */
export async function dealerChoices(userId: string) {
  const allowed = await administeredDealerLinkIds(userId);
  const links = await prisma.dealerLink.findMany({
    where: allowed ? { id: { in: allowed } } : {},
    orderBy: [{ chektDealerId: "asc" }],
  });
  return links
    .map((l) => ({
      id: l.id,
      chektDealerId: l.chektDealerId,
      externalDealerId: l.externalDealerId,
      companyName: l.companyName,
      connected: isConnected(l),
    }))
    .sort((a, b) => Number(b.connected) - Number(a.connected));
}

export type DealerChoice = Awaited<ReturnType<typeof dealerChoices>>[number];

/**
 * The dealer link an admin page works on: `?dealer=` when the user administers it, else the dealer
 * the page's requirePageScope() resolved, else the first connected choice. A `?dealer=` naming a
 * link they do not administer (another dealer's, or none) is a 404 with a refusal audit row, like
 * any other foreign id in a URL.
 */
export async function pickDealer(scope: DealerScope, requested: string | undefined) {
  const choices = await dealerChoices(scope.user.id);
  if (requested && !choices.some((c) => c.id === requested)) {
    if (scope.dealer) return refuseNotFound({ user: scope.user, dealer: scope.dealer }, "dealer", requested);
    notFound();
  }
  const chosen =
    choices.find((c) => c.id === (requested || scope.dealer?.id)) ?? choices.find((c) => c.connected) ?? null;
  return { choices, chosen };
}
