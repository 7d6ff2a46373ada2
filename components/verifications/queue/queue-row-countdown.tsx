"use client";
import { cn } from "@/components/ui";
import type { ItemEscalation } from "@/lib/verifications/escalation";
import { countdown } from "@/components/verifications/shared/format";

const URGENCY_TEXT = { normal: "text-slate-900", amber: "text-amber-800", red: "text-red-700" } as const;

/** A queue row's first column: the time left to answer, coloured by urgency and, past normal, said in words. */
export function RowCountdown({ left, esc }: { left: number; esc: ItemEscalation }) {
  return (
    <div className="flex w-24 shrink-0 flex-col items-start gap-1">
      <span
        data-testid="countdown"
        className={cn("font-mono text-2xl font-semibold tabular-nums", URGENCY_TEXT[esc.urgency])}
      >
        {countdown(left)}
      </span>
      <span className="text-xs text-slate-600">left to answer</span>
      {esc.urgencyLabel ? (
        <span data-testid="urgency-label" className={cn("text-xs font-semibold", URGENCY_TEXT[esc.urgency])}>
          {esc.urgencyLabel}
        </span>
      ) : null}
    </div>
  );
}
