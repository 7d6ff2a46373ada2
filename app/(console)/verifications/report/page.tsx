import type { Metadata } from "next";
import { NoDealerState } from "@/components/shell/no-dealer";
import { ChartColumn } from "lucide-react";
import { Alert, buttonClasses, EmptyState, PageHeader, type Column } from "@/components/ui";
import { VerificationTabs } from "@/components/verifications/tabs";
import { COLORS } from "@/components/verifications/report/colors";
import { fmtSeconds, hourLabel } from "@/components/verifications/report/format";
import { ReportRangeForm } from "@/components/verifications/report/range-form";
import { fieldColumn, rowBars, ReportSection } from "@/components/verifications/report/section";
import { requirePageScope } from "@/lib/auth/require";
import { readDeskReport, type DeskReport } from "@/lib/verifications/report";
import { parseReportRange, reportPresets } from "@/lib/verifications/report-range";
import type { SearchParamsProps } from "@/lib/list-state/search-params";
import { countText } from "@/lib/count-text";
import { plural } from "@/lib/plural";

export const metadata = { title: "Desk report" } satisfies Metadata;
export const dynamic = "force-dynamic";

export default async function DeskReportPage({ searchParams }: SearchParamsProps) {
  const { dealer } = await requirePageScope("viewer");
  if (!dealer) return <NoDealerState />;
  const { range, values, errors } = parseReportRange(await searchParams);
  const report = range ? await readDeskReport(dealer.id, range) : null;

  return (
    <div>
      <PageHeader
        title="Verifications"
        description={
          "How fast the desk saw, claimed and answered alarms, and where the false alarms come from. Times " +
          "are from arrival; days and hours are UTC."
        }
      />
      <VerificationTabs current="report" />
      <ReportRangeForm values={values} presets={reportPresets()} />
      {errors.length ? (
        <Alert tone="danger" title="This range cannot be shown">
          {errors.join(" ")}
        </Alert>
      ) : null}
      {report && range ? (
        <>
          <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
            <p className="text-sm text-slate-700" data-testid="report-total">
              {countText(report.summary.total)} {plural(report.summary.total, "verification")} arrived in this range.
            </p>
            <a
              href={`/api/verifications/report?${new URLSearchParams({ from: range.fromDay, to: range.toDay })}`}
              download
              className={buttonClasses("secondary", "sm")}
            >
              Export CSV
            </a>
          </div>
          {report.summary.total ? (
            <ReportBody report={report} />
          ) : (
            <EmptyState
              icon={<ChartColumn className="h-6 w-6" />}
              title="Nothing to report for these days"
              description="The charts and tables fill in once alarms reach the desk in the range. Try a longer range."
            />
          )}
        </>
      ) : null}
    </div>
  );
}

const DISPATCHED = { key: "dispatched", label: "Dispatched", color: COLORS.dispatched };
const DISREGARDED = { key: "disregarded", label: "Disregarded", color: COLORS.disregarded };
const EXPIRED = { key: "expired", label: "Expired", color: COLORS.expired };
const COUNT_HEADERS = {
  total: "Total",
  claimed: "Claimed",
  dispatched: "Dispatched",
  disregarded: "Disregarded",
  expired: "Expired",
  answered: "Answered",
} as const;
/** Count columns, one a field, headed with the count's name. */
const counts = <Row,>(...fields: (keyof typeof COUNT_HEADERS & keyof Row)[]): Column<Row>[] =>
  fields.map((f) => fieldColumn<Row>(f, COUNT_HEADERS[f]));
/** A duration column: the field's seconds as the report writes them everywhere ("2 min 05 s"). */
const seconds = <Row extends Record<F, number | null>, F extends string>(field: F, header: string): Column<Row> => ({
  key: field,
  header,
  cell: (r) => fmtSeconds(r[field]),
});
const NONE = "No verifications in this range.";
const NO_DISREGARDS = "No disregarded alarms in this range.";

function ReportBody({ report }: { report: DeskReport }) {
  const s = report.summary;
  const outcomes = [
    { outcome: "Dispatched", count: s.dispatched },
    { outcome: "Disregarded", count: s.disregarded },
    { outcome: "Expired", count: s.expired },
    { outcome: "Cancelled", count: s.cancelled },
    { outcome: "Still open", count: s.open },
  ];
  const timings = [
    { step: "First view", ...s.toFirstView },
    { step: "Claim", ...s.toClaim },
    { step: "Answer", ...s.toAnswer },
  ];
  const busyHours = report.byHour.filter((h) => h.total > 0);
  return (
    <>
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
      <ReportSection
        testId="report-operators"
        title="By operator"
        description="Who answered each item (or holds its claim)."
        chart={{
          label: "Answers by operator, dispatched and disregarded",
          ...rowBars(report.byOperator, 48),
          xKey: "operator",
          stacked: true,
          series: [DISPATCHED, DISREGARDED],
        }}
        table={{
          rows: report.byOperator,
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
      <ReportSection
        testId="report-sites"
        title="By site"
        description="The ten busiest sites in the chart; every site in the table."
        chart={{
          label: "Verifications by site: dispatched, disregarded and expired",
          ...rowBars(report.bySite.slice(0, 10), 36),
          xKey: "site",
          stacked: true,
          series: [DISPATCHED, DISREGARDED, EXPIRED],
        }}
        table={{
          rows: report.bySite,
          rowKey: (r) => String(r.siteId),
          empty: NONE,
          columns: [
            fieldColumn("site", "Site"),
            ...counts("total", "dispatched", "disregarded", "expired"),
            seconds("medianToAnswer", "Median to answer"),
          ],
        }}
      />
      <ReportSection
        testId="report-hours"
        title="By hour of day (UTC)"
        description="All 24 hours in the chart; hours with arrivals in the table."
        chart={{
          label: "Verifications by hour of day, dispatched, disregarded and expired",
          data: report.byHour,
          xKey: "hour",
          sparseLabels: true,
          stacked: true,
          series: [DISPATCHED, DISREGARDED, EXPIRED],
        }}
        table={{
          rows: busyHours,
          rowKey: (r) => String(r.hour),
          empty: NONE,
          columns: [
            { key: "h", header: "Hour (UTC)", cell: (r) => hourLabel(r.hour) },
            ...counts("total", "dispatched", "disregarded", "expired"),
          ],
        }}
      />
      <ReportSection
        testId="report-false-cameras"
        title="Top false-alarm cameras"
        description={
          "Disregards per camera, and the hour most of them fall in: many in one hour points at one cause " +
          "(light, wind, a schedule)."
        }
        chart={{
          label: "Disregards by camera",
          ...rowBars(
            report.falseCameras.map((c) => ({ ...c, name: `${c.camera} (${c.site})` })),
            36,
          ),
          xKey: "name",
          series: [DISREGARDED, { key: "atPeakHour", label: "In its peak hour", color: COLORS.expired }],
        }}
        table={{
          rows: report.falseCameras,
          rowKey: (r) => `${r.siteId}:${r.deviceId}`,
          empty: NO_DISREGARDS,
          columns: [
            fieldColumn("camera", "Camera"),
            fieldColumn("site", "Site"),
            ...counts("disregarded"),
            { key: "h", header: "Peak hour (UTC)", cell: (r) => `${hourLabel(r.peakHour)} (${r.atPeakHour})` },
          ],
        }}
      />
      <ReportSection
        testId="report-false-sites"
        title="Top false-alarm sites"
        description="Sites by disregarded alarms, with the share of their answers that were disregards."
        chart={{
          label: "Disregards by site",
          ...rowBars(report.falseSites, 36),
          xKey: "site",
          series: [DISREGARDED, { key: "answered", label: "Answered", color: COLORS.open }],
        }}
        table={{
          rows: report.falseSites,
          rowKey: (r) => String(r.siteId),
          empty: NO_DISREGARDS,
          columns: [
            fieldColumn("site", "Site"),
            ...counts("disregarded", "answered"),
            { key: "p", header: "Disregard share", cell: (r) => `${r.disregardShare}%` },
          ],
        }}
      />
    </>
  );
}
