import "server-only";
import { notFound } from "next/navigation";
import { refuseForbiddenPage, refuseNotFound, requirePageScope } from "@/lib/auth/require";
import { prisma } from "@/lib/db";
import { administeredDealerLinkIds } from "@/lib/dealer";
import { linkSummary } from "@/lib/dealer-connected";
import { hasRole } from "@/lib/roles";

/** Dealer links this admin can pick on the admin pages (those they administer; all for the owner), connected first. */
export async function dealerChoices(userId: string) {
  const allowed = await administeredDealerLinkIds(userId);
  const links = await prisma.dealerLink.findMany({
    where: allowed ? { id: { in: allowed } } : {},
    orderBy: [{ chektDealerId: "asc" }],
  });
  return links.map(linkSummary).sort((a, b) => Number(b.connected) - Number(a.connected));
}

export type DealerChoice = Awaited<ReturnType<typeof dealerChoices>>[number];

/**
 * The page wrapper of the admin pages that work on one of the admin's dealers (settings, app devices,
 * drift): the dealer link the page works on, and whether the user is also an admin of the current
 * dealer (what follows the current dealer, such as the call budget's route, needs that).
 *
 * The role counts in the dealer the page works on. A `?dealer=` naming a link the user administers
 * (every link for the owner) opens the page for it, whatever their role in the current dealer: the
 * page's actions name that link and are checked there too (dealer: "named", lib/actions/client.ts).
 * Otherwise the page works on the current dealer, so the user must be its admin (else the 403 page,
 * audited), and a `?dealer=` naming a link they do not administer (another dealer's, or none) is a
 * 404 with a refusal audit row, like any other foreign id in a URL.
 */
export async function pickDealer(requested: string | undefined) {
  // Only signed in (every user is at least a viewer): the admin role is decided below, once.
  const scope = await requirePageScope("viewer");
  const choices = await dealerChoices(scope.user.id);
  const adminOfCurrent = hasRole(scope.user.role, "admin");
  const named = requested ? choices.find((c) => c.id === requested) : undefined;
  if (named) return { chosen: named, adminOfCurrent };
  if (!adminOfCurrent) return refuseForbiddenPage(scope, "admin");
  if (requested) {
    if (scope.dealer) return refuseNotFound({ user: scope.user, dealer: scope.dealer }, "dealer", requested);
    notFound();
  }
  const chosen = choices.find((c) => c.id === scope.dealer?.id) ?? choices.find((c) => c.connected) ?? null;
  return { chosen, adminOfCurrent };
}
