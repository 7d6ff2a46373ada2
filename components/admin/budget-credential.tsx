"use client";
import type { ReactNode } from "react";
import { Alert, DataTable, type Column } from "@/components/ui";
import { utcParts } from "@/lib/utc-text";
import type { BudgetPanelCredential, BudgetPanelData } from "./budget-panel-types";

type Minute = BudgetPanelCredential["minutes"][number];

/**
 * A row of the usage table: its label, a cell per minute, the total, then how long a call would wait now
 * (none for the rows that count 429s and waits).
 */
type UsageRow = {
  label: string;
  perMinute: (m: Minute) => ReactNode;
  total: number;
  totalTestId?: string;
  wait?: string;
};

const numeric = "whitespace-nowrap text-right tabular-nums";

/** The class, a column per minute (headed by its time), the total and the wait. */
function usageColumns(minutes: Minute[]): Column<UsageRow>[] {
  return [
    // Wide enough that a class's name takes two lines at most on a phone, where the table scrolls anyway.
    { key: "class", header: "Class", rowHeader: true, className: "min-w-40", cell: (r) => r.label },
    ...minutes.map((m): Column<UsageRow> => ({
      key: m.minute,
      header: utcParts(new Date(m.minute)).time,
      className: numeric,
      cell: (r) => r.perMinute(m),
    })),
    {
      key: "total",
      header: "Total",
      className: numeric,
      cell: (r) => (
        <span className="font-medium text-slate-900" data-testid={r.totalTestId}>
          {r.total}
        </span>
      ),
    },
    { key: "wait", header: "Would wait", className: numeric, cell: (r) => r.wait },
  ];
}

/** Tokens left of the burst, as a meter that turns amber under half and red under a quarter. */
function TokensMeter({ c }: { c: BudgetPanelCredential }) {
  const pct = Math.round((Math.max(0, Math.min(c.burst, c.tokens)) / c.burst) * 100);
  return (
    <div>
      <div className="flex items-center justify-between text-sm">
        <span id={`tokens-${c.credential}`} className="text-slate-700">
          Tokens left
        </span>
        <span className="font-medium text-slate-900" data-testid="budget-tokens">
          {c.tokens} of {c.burst}
        </span>
      </div>
      <div
        role="meter"
        aria-labelledby={`tokens-${c.credential}`}
        aria-valuemin={0}
        aria-valuemax={c.burst}
        aria-valuenow={c.tokens}
        className="mt-1 h-2 overflow-hidden rounded bg-slate-100"
      >
        <div
          className={pct > 50 ? "h-full bg-emerald-600" : pct > 25 ? "h-full bg-amber-500" : "h-full bg-red-600"}
          style={{ width: `${pct}%` }}
        />
      </div>
    </div>
  );
}

/**
 * Calls per class and minute, the 429s seen and the calls that waited, and how long each class would wait now.
 * A matrix read across and down: a phone keeps the table, scrolling sideways in its own box.
 */
function UsageTable({ c, classes }: { c: BudgetPanelCredential; classes: BudgetPanelData["classes"] }) {
  const rows: UsageRow[] = [
    ...classes.map((k) => ({
      label: k.label,
      perMinute: (m: Minute) => m.calls[k.id] || "–",
      total: c.totals.calls[k.id] ?? 0,
      totalTestId: `budget-total-${k.id}`,
      wait: c.waitS[k.id] > 0 ? `${c.waitS[k.id]} s` : "goes now",
    })),
    {
      label: "429s seen",
      perMinute: (m) => m.rateLimited || "–",
      total: c.totals.rateLimited,
      totalTestId: "budget-429s",
    },
    {
      label: "Calls that waited",
      perMinute: (m) => (m.waits ? `${m.waits} (${Math.round(m.waitMs / 1000)} s)` : "–"),
      total: c.totals.waits,
    },
  ];
  return (
    <DataTable
      columns={usageColumns(c.minutes)}
      rows={rows}
      rowKey={(r) => r.label}
      caption={`Calls to CHeKT per class and minute for ${c.label}`}
      testId="budget-usage"
      phone="table"
    />
  );
}

/** One credential's budget: its rate, tokens left, whether CHeKT holds every call, and the usage table. */
export function BudgetCredential({ c, classes }: { c: BudgetPanelCredential; classes: BudgetPanelData["classes"] }) {
  return (
    <div className="space-y-3" data-testid="budget-credential">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="text-sm font-semibold text-slate-800">{c.label}</h3>
        <span className="text-xs text-slate-600">
          {c.perMin} calls a minute, bursts of {c.burst}
        </span>
      </div>
      <TokensMeter c={c} />
      {c.blockedForS > 0 ? (
        <Alert tone="warning" title="Every call is held">
          CHeKT asked us to wait (429 or 0 left): nothing is sent for {c.blockedForS} s.
        </Alert>
      ) : null}
      <UsageTable c={c} classes={classes} />
    </div>
  );
}
