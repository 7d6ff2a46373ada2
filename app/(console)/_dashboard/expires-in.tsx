"use client";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useNow } from "@/components/verifications/shared/use-now";
import { minutesLeft } from "@/lib/verifications/escalation";

/**
 * A waiting alarm's minutes left, ticking on the desk's clock (useNow) so the dashboard does not show
 * the minute it was rendered at for as long as it stays open. Until hydration, the server's minute (both
 * renders match). Plain text, no live region: the card is glanced at, not announced every minute.
 */
export function ExpiresIn({ expiresAt, renderedAt }: { expiresAt: Date; renderedAt: Date }) {
  const hydrated = useHydrated();
  const now = useNow(5_000);
  return <span data-testid="waiting-expires">{minutesLeft(expiresAt, hydrated ? now : renderedAt)}</span>;
}
