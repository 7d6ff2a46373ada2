import type { Metadata } from "next";
import { NoDealerState } from "@/components/shell/no-dealer";
import { Alert, DataTable, PageHeader } from "@/components/ui";
import { VerificationTabs } from "@/components/verifications/tabs";
import { COLORS, ReportBarChart } from "@/components/verifications/report/charts";
import { fmtSeconds, hourLabel } from "@/components/verifications/report/format";
import { ReportRangeForm } from "@/components/verifications/report/range-form";
import { ReportSection } from "@/components/verifications/report/section";
import { requirePageScope } from "@/lib/auth/require";
import { readDeskReport, type DeskReport } from "@/lib/verifications/report";
import { parseReportRange } from "@/lib/verifications/report-range";

export const metadata: Metadata = { title: "Desk report" };
export const dynamic = "force-dynamic";

const DAY_MS = 86_400_000;
const day = (d: Date) => d.toISOString().slice(0, 10);

export default async function DeskReportPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { dealer } = await requirePageScope("viewer");
  if (!dealer) return <NoDealerState />;
  const { range, values, errors } = parseReportRange(await searchParams);
  const report = range ? await readDeskReport(dealer.id, range) : null;
  const today = new Date();
  const presets = [7, 30, 90].map((n) => {
    const from = day(new Date(today.getTime() - (n - 1) * DAY_MS));
    return {
      label: `Last ${n} days`,
      href: `/verifications/report?${new URLSearchParams({ from, to: day(today) })}`,
    };
  });

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
      <ReportRangeForm
        values={values}
        presets={presets}
        csvHref={
          range ? `/api/verifications/report?${new URLSearchParams({ from: range.fromDay, to: range.toDay })}` : null
        }
      />
      {errors.length ? (
        <Alert tone="danger" title="This range cannot be shown">
          {errors.join(". ")}
        </Alert>
      ) : null}
      {report && range ? <ReportBody report={report} /> : null}
    </div>
  );
}

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
      <p className="mb-3 text-sm text-slate-700" data-testid="report-total">
        {s.total} {s.total === 1 ? "verification" : "verifications"} arrived in this range.
      </p>
      <ReportSection
        testId="report-outcomes"
        title="Outcomes"
        description="Dispatch versus disregard, and what expired unanswered."
        chart={
          <ReportBarChart
            label={`Outcomes: ${outcomes.map((o) => `${o.outcome} ${o.count}`).join(", ")}`}
            data={outcomes}
            xKey="outcome"
            series={[{ key: "count", label: "Verifications", color: COLORS.total }]}
          />
        }
        table={
          <DataTable
            caption="Outcomes"
            rows={outcomes}
            rowKey={(r) => r.outcome}
            columns={[
              { key: "o", header: "Outcome", cell: (r) => r.outcome },
              { key: "n", header: "Verifications", cell: (r) => r.count },
            ]}
          />
        }
      />
      <ReportSection
        testId="report-times"
        title="Handling times"
        description="Seconds from arrival to the first operator opening it, to a claim and to an answer."
        chart={
          <ReportBarChart
            label={`Median handling times: ${timings.map((t) => `${t.step} ${fmtSeconds(t.median)}`).join(", ")}`}
            data={timings}
            xKey="step"
            unit=" s"
            series={[
              { key: "median", label: "Median", color: COLORS.median },
              { key: "p90", label: "90th percentile", color: COLORS.p90 },
            ]}
          />
        }
        table={
          <DataTable
            caption="Handling times"
            rows={timings}
            rowKey={(r) => r.step}
            columns={[
              { key: "step", header: "Time to", cell: (r) => r.step },
              { key: "med", header: "Median", cell: (r) => fmtSeconds(r.median) },
              { key: "p90", header: "90th pct.", cell: (r) => fmtSeconds(r.p90) },
              { key: "avg", header: "Average", cell: (r) => fmtSeconds(r.avg) },
              { key: "n", header: "Items", cell: (r) => r.count },
            ]}
          />
        }
      />
      <ReportSection
        testId="report-operators"
        title="By operator"
        description="Who answered each item (or holds its claim)."
        chart={
          <ReportBarChart
            label="Answers by operator, dispatched and disregarded"
            data={report.byOperator}
            xKey="operator"
            layout="vertical"
            stacked
            height={Math.max(160, 48 * report.byOperator.length + 60)}
            series={[
              { key: "dispatched", label: "Dispatched", color: COLORS.dispatched },
              { key: "disregarded", label: "Disregarded", color: COLORS.disregarded },
            ]}
          />
        }
        table={
          <DataTable
            caption="By operator"
            rows={report.byOperator}
            rowKey={(r) => r.operatorId ?? "none"}
            empty={<p className="p-4 text-sm text-slate-600">No verifications in this range.</p>}
            columns={[
              { key: "op", header: "Operator", cell: (r) => r.operator },
              { key: "c", header: "Claimed", cell: (r) => r.claimed },
              { key: "d", header: "Dispatched", cell: (r) => r.dispatched },
              { key: "x", header: "Disregarded", cell: (r) => r.disregarded },
              { key: "tc", header: "Median to claim", cell: (r) => fmtSeconds(r.medianToClaim) },
              { key: "ta", header: "Median to answer", cell: (r) => fmtSeconds(r.medianToAnswer) },
            ]}
          />
        }
      />
      <ReportSection
        testId="report-sites"
        title="By site"
        description="The ten busiest sites in the chart; every site in the table."
        chart={
          <ReportBarChart
            label="Verifications by site: dispatched, disregarded and expired"
            data={report.bySite.slice(0, 10)}
            xKey="site"
            layout="vertical"
            stacked
            height={Math.max(160, 36 * Math.min(10, report.bySite.length) + 60)}
            series={[
              { key: "dispatched", label: "Dispatched", color: COLORS.dispatched },
              { key: "disregarded", label: "Disregarded", color: COLORS.disregarded },
              { key: "expired", label: "Expired", color: COLORS.expired },
            ]}
          />
        }
        table={
          <DataTable
            caption="By site"
            rows={report.bySite}
            rowKey={(r) => String(r.siteId)}
            empty={<p className="p-4 text-sm text-slate-600">No verifications in this range.</p>}
            columns={[
              { key: "s", header: "Site", cell: (r) => r.site },
              { key: "t", header: "Total", cell: (r) => r.total },
              { key: "d", header: "Dispatched", cell: (r) => r.dispatched },
              { key: "x", header: "Disregarded", cell: (r) => r.disregarded },
              { key: "e", header: "Expired", cell: (r) => r.expired },
              { key: "ta", header: "Median to answer", cell: (r) => fmtSeconds(r.medianToAnswer) },
            ]}
          />
        }
      />
      <ReportSection
        testId="report-hours"
        title="By hour of day (UTC)"
        description="All 24 hours in the chart; hours with arrivals in the table."
        chart={
          <ReportBarChart
            label="Verifications by hour of day, dispatched, disregarded and expired"
            data={report.byHour}
            xKey="hour"
            stacked
            series={[
              { key: "dispatched", label: "Dispatched", color: COLORS.dispatched },
              { key: "disregarded", label: "Disregarded", color: COLORS.disregarded },
              { key: "expired", label: "Expired", color: COLORS.expired },
            ]}
          />
        }
        table={
          <DataTable
            caption="By hour of day (UTC)"
            rows={busyHours}
            rowKey={(r) => String(r.hour)}
            empty={<p className="p-4 text-sm text-slate-600">No verifications in this range.</p>}
            columns={[
              { key: "h", header: "Hour (UTC)", cell: (r) => hourLabel(r.hour) },
              { key: "t", header: "Total", cell: (r) => r.total },
              { key: "d", header: "Dispatched", cell: (r) => r.dispatched },
              { key: "x", header: "Disregarded", cell: (r) => r.disregarded },
              { key: "e", header: "Expired", cell: (r) => r.expired },
            ]}
          />
        }
      />
      <ReportSection
        testId="report-false-cameras"
        title="Top false-alarm cameras"
        description={
          "Disregards per camera, and the hour most of them fall in: many in one hour points at one cause " +
          "(light, wind, a schedule)."
        }
        chart={
          <ReportBarChart
            label="Disregards by camera"
            data={report.falseCameras.map((c) => ({ ...c, name: `${c.camera} (${c.site})` }))}
            xKey="name"
            layout="vertical"
            height={Math.max(160, 36 * report.falseCameras.length + 60)}
            series={[
              { key: "disregarded", label: "Disregarded", color: COLORS.disregarded },
              { key: "atPeakHour", label: "In its peak hour", color: COLORS.expired },
            ]}
          />
        }
        table={
          <DataTable
            caption="Top false-alarm cameras"
            rows={report.falseCameras}
            rowKey={(r) => `${r.siteId}:${r.deviceId}`}
            empty={<p className="p-4 text-sm text-slate-600">No disregarded alarms in this range.</p>}
            columns={[
              { key: "c", header: "Camera", cell: (r) => r.camera },
              { key: "s", header: "Site", cell: (r) => r.site },
              { key: "x", header: "Disregarded", cell: (r) => r.disregarded },
              { key: "h", header: "Peak hour (UTC)", cell: (r) => `${hourLabel(r.peakHour)} (${r.atPeakHour})` },
            ]}
          />
        }
      />
      <ReportSection
        testId="report-false-sites"
        title="Top false-alarm sites"
        description="Sites by disregarded alarms, with the share of their answers that were disregards."
        chart={
          <ReportBarChart
            label="Disregards by site"
            data={report.falseSites}
            xKey="site"
            layout="vertical"
            height={Math.max(160, 36 * report.falseSites.length + 60)}
            series={[
              { key: "disregarded", label: "Disregarded", color: COLORS.disregarded },
              { key: "answered", label: "Answered", color: COLORS.open },
            ]}
          />
        }
        table={
          <DataTable
            caption="Top false-alarm sites"
            rows={report.falseSites}
            rowKey={(r) => String(r.siteId)}
            empty={<p className="p-4 text-sm text-slate-600">No disregarded alarms in this range.</p>}
            columns={[
              { key: "s", header: "Site", cell: (r) => r.site },
              { key: "x", header: "Disregarded", cell: (r) => r.disregarded },
              { key: "a", header: "Answered", cell: (r) => r.answered },
              { key: "p", header: "Disregard share", cell: (r) => `${r.disregardShare}%` },
            ]}
          />
        }
      />
    </>
  );
}
