// The one "is this dealer connected" rule. Pure, so the webhook receiver and the sync worker can use
// it without lib/dealer.ts's session and cookie imports; lib/dealer.ts re-exports it for the rest.

export type ConnectionDates = { connectedAt: Date | null; disconnectedAt: Date | null };

/**
 * Connected, and not disconnected since: a reconnect sets connectedAt after an older
 * disconnectedAt (the OAuth callback also clears it, but a row from before that still counts).
 */
export function isConnected(link: ConnectionDates): boolean {
  return !!link.connectedAt && (!link.disconnectedAt || link.disconnectedAt < link.connectedAt);
}

export type LinkSummary = {
  id: string;
  chektDealerId: number;
  externalDealerId: string;
  companyName: string;
  connected: boolean;
};

/** What the admin pages show of a dealer link: its names, and whether it is connected now. */
export function linkSummary(l: Omit<LinkSummary, "connected"> & ConnectionDates): LinkSummary {
  return {
    id: l.id,
    chektDealerId: l.chektDealerId,
    externalDealerId: l.externalDealerId,
    companyName: l.companyName,
    connected: isConnected(l),
  };
}

/** isConnected in SQL, over the dealer_links row aliased `d`. */
export const CONNECTED_SQL = (d: string) =>
  `${d}.connected_at IS NOT NULL AND (${d}.disconnected_at IS NULL OR ${d}.disconnected_at < ${d}.connected_at)`;

/** The rows that might be connected, for a Prisma where (column-vs-column is checked by isConnected after). */
export const MAYBE_CONNECTED = { connectedAt: { not: null } } as const;
