import "server-only";
import { ActionError } from "@/lib/actions/errors";
import { getCurrentDealer } from "@/lib/dealer";

/** Which CHeKT dealer a call is for, and our link row that mappings and audit rows hang on. */
export type DealerScope = { dealerLinkId: string; dealerId: number; externalDealerId: string; companyName: string };

export function scopeOf(link: {
  id: string;
  chektDealerId: number;
  externalDealerId: string;
  companyName: string;
}): DealerScope {
  return {
    dealerLinkId: link.id,
    dealerId: link.chektDealerId,
    externalDealerId: link.externalDealerId,
    companyName: link.companyName,
  };
}

/** For server actions: the dealer chosen in the shell, or a refusal that says what to do. */
export async function requireDealerScope(): Promise<DealerScope> {
  const link = await getCurrentDealer();
  if (!link) {
    throw new ActionError(
      "no_dealer",
      "No connected dealer is chosen. An admin can connect one on the Dealer page; nothing was saved.",
    );
  }
  return scopeOf(link);
}
