import "server-only";
import { prisma } from "@/lib/db";
import { getSessionUser } from "@/lib/auth/session";
import { administeredDealerLinkIds, getCurrentDealer, isConnected } from "@/lib/dealer";

/** Dealer links the signed-in admin can pick on the admin pages (those they administer; all for the owner), connected first. */
export async function dealerChoices() {
  const user = await getSessionUser();
  const allowed = user ? await administeredDealerLinkIds(user.id) : [];
  const links = await prisma.dealerLink.findMany({ where: allowed ? { id: { in: allowed } } : {}, orderBy: [{ chektDealerId: "asc" }] });
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

/** The `?dealer=` link if it exists, else the dealer chosen in the shell, else the first connected one. */
export async function pickDealer(requested: string | undefined) {
  const choices = await dealerChoices();
  const current = requested ? null : await getCurrentDealer();
  const chosen = choices.find((c) => c.id === (requested ?? current?.id)) ?? choices.find((c) => c.connected) ?? null;
  return { choices, chosen };
}
