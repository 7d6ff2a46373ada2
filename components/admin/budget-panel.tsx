"use client";
import { useQuery } from "@tanstack/react-query";
import { Alert, Badge, UtcTime } from "@/components/ui";
import { BudgetCredential } from "./budget-credential";
import { BudgetUnread, readBudget } from "./read-budget";
import { errorText } from "@/lib/error-text";

/**
 * Settings → CHeKT call budget, live: polls /api/chekt/budget every few seconds while the tab is
 * visible. Per credential: tokens left, how long each class would wait now, calls per class in
 * the last minutes, 429s seen and waits.
 */

const POLL_MS = 3_000;

function failureText(e: Error): string {
  if (e instanceof BudgetUnread) return e.message;
  return `The budget could not be read: ${errorText(e)}. Retrying.`;
}

export function BudgetPanel() {
  // Polled, not retried: the next poll is the retry. A hidden tab is not polled (TanStack's default).
  const { data, error } = useQuery({
    queryKey: ["chekt-budget"],
    queryFn: readBudget,
    refetchInterval: POLL_MS,
    retry: false,
    staleTime: 0,
  });
  const loading = data === undefined && error === null;
  return (
    <div className="min-w-0 space-y-4" data-testid="budget-panel" aria-busy={loading}>
      {error ? <Alert tone="danger">{failureText(error)}</Alert> : null}
      {loading ? <p className="text-sm text-slate-600">Loading the budget…</p> : null}
      {data ? (
        <>
          <p className="text-xs text-slate-600">
            Updated <UtcTime at={data.at} form="clock" precision="second" />
            {` · the last ${data.windowMinutes} minutes · `}
            <Badge tone="neutral">live</Badge>
          </p>
          {data.credentials.map((c) => (
            <BudgetCredential key={c.credential} c={c} classes={data.classes} />
          ))}
        </>
      ) : null}
    </div>
  );
}
