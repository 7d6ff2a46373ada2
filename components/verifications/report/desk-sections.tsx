import { fieldColumn } from "@/components/ui";
import type { HourRow, OperatorRow, ReportSummary, SiteRow } from "@/lib/verifications/report";
import { COLORS } from "./colors";
import { counts, DISPATCHED, DISREGARDED, EXPIRED, NONE, seconds } from "./columns";
import { fmtSeconds, hourLabel } from "./format";
import { rowBars, ReportSection } from "./section";

// The report's sections on how the desk handled alarms: each one chart and its table.

export function OutcomesSection({ summary: s }: { summary: ReportSummary }) {
  const outcomes = [
    { outcome: "Dispatched", count: s.dispatched },
    { outcome: "Disregarded", count: s.disregarded },
    { outcome: "Expired", count: s.expired },
    { outcome: "Cancelled", count: s.cancelled },
    { outcome: "Still open", count: s.open },
  ];
  return (
    <ReportSection
      testId="report-outcomes"
      title="Outcomes"
      description="Dispatch versus disregard, and what expired unanswered."
      chart={{
        label: `Outcomes: ${outcomes.map((o) => `${o.outcome} ${o.count}`).join(", ")}`,
        data: outcomes,
        xKey: "outcome",
        series: [{ key: "count", label: "Verifications", color: COLORS.total }],
      }}
      table={{
        rows: outcomes,
        rowKey: (r) => r.outcome,
        columns: [fieldColumn("outcome", "Outcome"), fieldColumn("count", "Verifications")],
      }}
    />
  );
}

export function TimesSection({ summary: s }: { summary: ReportSummary }) {
  const timings = [
    { step: "First view", ...s.toFirstView },
    { step: "Claim", ...s.toClaim },
    { step: "Answer", ...s.toAnswer },
  ];
  return (
    <ReportSection
      testId="report-times"
      title="Handling times"
      description="Seconds from arrival to the first operator opening it, to a claim and to an answer."
      chart={{
        label: `Median handling times: ${timings.map((t) => `${t.step} ${fmtSeconds(t.median)}`).join(", ")}`,
        data: timings,
        xKey: "step",
        unit: " s",
        series: [
          { key: "median", label: "Median", color: COLORS.median },
          { key: "p90", label: "90th percentile", color: COLORS.p90 },
        ],
      }}
      table={{
        rows: timings,
        rowKey: (r) => r.step,
        columns: [
          fieldColumn("step", "Time to"),
          seconds("median", "Median"),
          seconds("p90", "90th pct."),
          seconds("avg", "Average"),
          fieldColumn("count", "Items"),
        ],
      }}
    />
  );
}

export function OperatorsSection({ rows }: { rows: OperatorRow[] }) {
  return (
    <ReportSection
      testId="report-operators"
      title="By operator"
      description="Who answered each item (or holds its claim)."
      chart={{
        label: "Answers by operator, dispatched and disregarded",
        ...rowBars(rows, 48),
        xKey: "operator",
        stacked: true,
        series: [DISPATCHED, DISREGARDED],
      }}
      table={{
        rows: rows,
        rowKey: (r) => r.operatorId ?? "none",
        empty: NONE,
        columns: [
          fieldColumn("operator", "Operator"),
          ...counts("claimed", "dispatched", "disregarded"),
          seconds("medianToClaim", "Median to claim"),
          seconds("medianToAnswer", "Median to answer"),
        ],
      }}
    />
  );
}

export function SitesSection({ rows }: { rows: SiteRow[] }) {
  return (
    <ReportSection
      testId="report-sites"
      title="By site"
      description="The ten busiest sites in the chart; every site in the table."
      chart={{
        label: "Verifications by site: dispatched, disregarded and expired",
        ...rowBars(rows.slice(0, 10), 36),
        xKey: "site",
        stacked: true,
        series: [DISPATCHED, DISREGARDED, EXPIRED],
      }}
      table={{
        rows: rows,
        rowKey: (r) => String(r.siteId),
        empty: NONE,
        columns: [
          fieldColumn("site", "Site"),
          ...counts("total", "dispatched", "disregarded", "expired"),
          seconds("medianToAnswer", "Median to answer"),
        ],
      }}
    />
  );
}

export function HoursSection({ rows }: { rows: HourRow[] }) {
  return (
    <ReportSection
      testId="report-hours"
      title="By hour of day (UTC)"
      description="All 24 hours in the chart; hours with arrivals in the table."
      chart={{
        label: "Verifications by hour of day, dispatched, disregarded and expired",
        data: rows,
        xKey: "hour",
        sparseLabels: true,
        stacked: true,
        series: [DISPATCHED, DISREGARDED, EXPIRED],
      }}
      table={{
        rows: rows.filter((h) => h.total > 0),
        rowKey: (r) => String(r.hour),
        empty: NONE,
        columns: [
          { key: "h", header: "Hour (UTC)", cell: (r) => hourLabel(r.hour) },
          ...counts("total", "dispatched", "disregarded", "expired"),
        ],
      }}
    />
  );
}
