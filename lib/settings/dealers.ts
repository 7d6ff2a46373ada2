import "server-only";
import { prisma } from "@/lib/db";

/** Dealer links an admin can pick on the admin pages (connected first). */
export async function dealerChoices() {
  const links = await prisma.dealerLink.findMany({ orderBy: [{ chektDealerId: "asc" }] });
  return links
    .map((l) => ({ id: l.id, chektDealerId: l.chektDealerId, externalDealerId: l.externalDealerId, companyName: l.companyName, connected: !!l.connectedAt && !l.disconnectedAt }))
    .sort((a, b) => Number(b.connected) - Number(a.connected));
}

export type DealerChoice = Awaited<ReturnType<typeof dealerChoices>>[number];

/** The `?dealer=` link if valid, else the first connected one. */
export async function pickDealer(requested: string | undefined) {
  const choices = await dealerChoices();
  const chosen = choices.find((c) => c.id === requested) ?? choices.find((c) => c.connected) ?? null;
  return { choices, chosen };
}
