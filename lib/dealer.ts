import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { ActionError } from "@/lib/actions/errors";
import { prisma } from "@/lib/db";

/** httpOnly cookie holding the id of the DealerLink the user is working on. */
export const DEALER_COOKIE = "dealer_link";

export type ConnectedDealer = {
  id: string;
  chektDealerId: number;
  externalDealerId: string;
  companyName: string;
  connectedAt: Date;
};

export const NO_DEALER_MESSAGE = "No dealer connected — an admin can connect one on the Dealer page.";

/** Dealer links that are connected now (connected, and not disconnected since), oldest CHeKT id first. */
export const listConnectedDealers = cache(async (): Promise<ConnectedDealer[]> => {
  const rows = await prisma.dealerLink.findMany({
    where: { connectedAt: { not: null } },
    orderBy: { chektDealerId: "asc" },
    select: { id: true, chektDealerId: true, externalDealerId: true, companyName: true, connectedAt: true, disconnectedAt: true },
  });
  // A reconnect sets connectedAt after an older disconnectedAt, so compare the two.
  return rows
    .filter((r) => r.connectedAt && (!r.disconnectedAt || r.disconnectedAt < r.connectedAt))
    .map(({ disconnectedAt: _d, connectedAt, ...r }) => ({ ...r, connectedAt: connectedAt as Date }));
});

/**
 * The dealer the user chose (cookie), if it is still connected; otherwise the first connected one.
 * Null when no dealer is connected — pages then render <NoDealerState /> (components/shell).
 */
export const getCurrentDealer = cache(async (): Promise<ConnectedDealer | null> => {
  const dealers = await listConnectedDealers();
  if (dealers.length === 0) return null;
  const chosen = (await cookies()).get(DEALER_COOKIE)?.value;
  return dealers.find((d) => d.id === chosen) ?? dealers[0];
});

/** For server actions and route handlers: the current dealer, or an ActionError the form can show. */
export async function requireCurrentDealer(): Promise<ConnectedDealer> {
  const dealer = await getCurrentDealer();
  if (!dealer) throw new ActionError("no_dealer", NO_DEALER_MESSAGE);
  return dealer;
}
