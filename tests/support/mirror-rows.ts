// For tests that write the mirror directly (docs/mirror.md): the columns that say whose row it is and
// which CHeKT object it copies, as every mirror table has them.

/** The dealer link, CHeKT's id and our external id `${prefix}-${chektId}` ("s-101", "c-3", "d-1000"). */
export const mirrorKey = (dealerLinkId: string, chektId: number, prefix: string) => ({
  dealerLinkId,
  chektId,
  externalId: `${prefix}-${chektId}`,
});
