"use client";
import { Hand } from "lucide-react";
import { Button } from "@/components/ui";
import type { QueueItem } from "@/lib/verifications/types";

/**
 * The one claim button of an item, in the queue's toolbar and the detail view: Claim while nobody
 * holds it, Take over (admins only) while another operator does, nothing while it is the operator's
 * own. `compact` is the toolbar's: small, with a hand, "Claim" / "Take over"; the detail view's names
 * its key, "Claim (c)", and says "Take over claim".
 */
export function ClaimButton({
  item,
  canTakeOver,
  pending,
  onClaim,
  compact = false,
}: {
  item: Pick<QueueItem, "state" | "claimedByMe">;
  canTakeOver: boolean;
  pending: boolean;
  onClaim: (takeOver: boolean) => Promise<void>;
  compact?: boolean;
}) {
  const takeOver = item.state === "claimed";
  if (takeOver && (item.claimedByMe || !canTakeOver)) return null;
  const label = takeOver ? (compact ? "Take over" : "Take over claim") : compact ? "Claim" : "Claim (c)";
  return (
    <Button
      size={compact ? "sm" : "md"}
      variant="secondary"
      icon={compact && !takeOver ? <Hand className="h-4 w-4" /> : undefined}
      onClick={() => void onClaim(takeOver)}
      pending={pending}
      pendingText={takeOver ? "Taking over…" : "Claiming…"}
    >
      {label}
    </Button>
  );
}
