"use client";
import { ImageOff, Loader2 } from "lucide-react";
import { cn, textLinkClass } from "@/components/ui";
import type { SnapshotPhase } from "./use-snapshot";

/**
 * What stands in a snapshot's place until it loads, or when it cannot: the spinner (with the retry's
 * countdown), or "Snapshot unavailable" and, when offered, "Try again".
 */
export function SnapshotPlaceholder({
  phase,
  className,
  onRetry,
}: {
  phase: Exclude<SnapshotPhase, { kind: "ready" }>;
  className: string;
  onRetry?: () => void;
}) {
  // The placeholder's colours are its own: a caller's backdrop goes in imageClassName, because with
  // two background utilities on one element the stylesheet's order wins, not the class list's (the
  // detail view's bg-slate-900 under this slate-700 text failed contrast).
  const box = cn(
    "flex flex-col items-center justify-center gap-1 bg-slate-100 p-1 text-center text-xs text-slate-700",
    className,
  );
  if (phase.kind === "unavailable") {
    return (
      <span className={box} data-testid="snapshot-unavailable">
        <span role="img" aria-label={`Snapshot unavailable: ${phase.why}`} className="flex flex-col items-center gap-1">
          <ImageOff className="h-4 w-4" aria-hidden="true" />
          Snapshot unavailable
        </span>
        {onRetry ? (
          <button type="button" onClick={onRetry} className={cn("rounded px-1", textLinkClass)}>
            Try again
          </button>
        ) : null}
      </span>
    );
  }
  return (
    <span
      className={box}
      role="img"
      aria-label={phase.kind === "waiting" ? `Snapshot loading, retrying in ${phase.inS} s` : "Snapshot loading"}
      data-testid="snapshot-waiting"
    >
      <Loader2 className="h-4 w-4 animate-spin motion-reduce:animate-none" aria-hidden="true" />
      {phase.kind === "waiting" ? `Retrying in ${phase.inS} s` : "Loading…"}
    </span>
  );
}
