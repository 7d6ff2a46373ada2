import "server-only";

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
