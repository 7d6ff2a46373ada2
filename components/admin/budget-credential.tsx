"use client";
import type { ReactNode } from "react";
import { Alert, ScrollRegion } from "@/components/ui";
import { utcParts } from "@/lib/utc-text";
import type { BudgetPanelCredential, BudgetPanelData } from "./budget-panel-types";

/** The usage table's last two column heads, after one per minute. */
const TAIL_HEADS = [
  { key: "total", text: "Total" },
  { key: "wait", text: "Would wait" },
];

type Minute = BudgetPanelCredential["minutes"][number];

/**
 * A row of the usage table: its label, a cell per minute, the total, then how long a call would wait now
 * (empty for the rows that count 429s and waits).
 */
function UsageRow(props: {
  label: string;
  minutes: Minute[];
  perMinute: (m: Minute) => ReactNode;
  total: number;
  totalTestId?: string;
  wait?: string;
}) {
  return (
    <tr className="border-t border-slate-100">
      <th scope="row" className="px-3 py-1.5 text-left font-medium text-slate-800">
        {props.label}
      </th>
      {props.minutes.map((m) => (
        <td key={m.minute} className="px-3 py-1.5 text-right tabular-nums text-slate-700">
          {props.perMinute(m)}
        </td>
      ))}
      <td className="px-3 py-1.5 text-right font-medium tabular-nums text-slate-900" data-testid={props.totalTestId}>
        {props.total}
      </td>
      {props.wait === undefined ? (
        <td />
      ) : (
        <td className="px-3 py-1.5 text-right tabular-nums text-slate-700">{props.wait}</td>
      )}
    </tr>
  );
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

/** Calls per class and minute, the 429s seen and the calls that waited, and how long each class would wait now. */
function UsageTable({ c, classes }: { c: BudgetPanelCredential; classes: BudgetPanelData["classes"] }) {
  return (
    <ScrollRegion label={`Calls to CHeKT per minute for ${c.label}`}>
      <table className="min-w-full text-sm" data-testid="budget-usage">
        <caption className="sr-only">Calls to CHeKT per class and minute for {c.label}</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">
              Class
            </th>
            {[...c.minutes.map((m) => ({ key: m.minute, text: utcParts(new Date(m.minute)).time })), ...TAIL_HEADS].map(
              (h) => (
                <th key={h.key} scope="col" className="px-3 py-2 text-right">
                  {h.text}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {classes.map((k) => (
            <UsageRow
              key={k.id}
              label={k.label}
              minutes={c.minutes}
              perMinute={(m) => m.calls[k.id] || "–"}
              total={c.totals.calls[k.id] ?? 0}
              totalTestId={`budget-total-${k.id}`}
              wait={c.waitS[k.id] > 0 ? `${c.waitS[k.id]} s` : "goes now"}
            />
          ))}
          <UsageRow
            label="429s seen"
            minutes={c.minutes}
            perMinute={(m) => m.rateLimited || "–"}
            total={c.totals.rateLimited}
            totalTestId="budget-429s"
          />
          <UsageRow
            label="Calls that waited"
            minutes={c.minutes}
            perMinute={(m) => (m.waits ? `${m.waits} (${Math.round(m.waitMs / 1000)} s)` : "–")}
            total={c.totals.waits}
          />
        </tbody>
      </table>
    </ScrollRegion>
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
