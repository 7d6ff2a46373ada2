import type { Metadata } from "next";
import { NoDealerPage } from "@/components/shell/no-dealer";
import { ChartColumn } from "lucide-react";
import { Alert, buttonClasses, EmptyState, PageHeader } from "@/components/ui";
import { VerificationTabs } from "@/components/verifications/shared/tabs";
import {
  HoursSection,
  OperatorsSection,
  OutcomesSection,
  SitesSection,
  TimesSection,
} from "@/components/verifications/report/desk-sections";
import { FalseCamerasSection, FalseSitesSection } from "@/components/verifications/report/false-alarm-sections";
import { ReportRangeForm } from "@/components/verifications/report/range-form";
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
  const head = (
    <>
      <PageHeader
        title="Verifications"
        description={
          "How fast the desk saw, claimed and answered alarms, and where the false alarms come from. Times " +
          "are from arrival; days and hours are UTC."
        }
      />
      <VerificationTabs current="report" />
    </>
  );
  if (!dealer) return <NoDealerPage header={head} />;
  const { range, values, errors } = parseReportRange(await searchParams);
  const report = range ? await readDeskReport(dealer.id, range) : null;

  return (
    <div>
      {head}
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

function ReportBody({ report }: { report: DeskReport }) {
  return (
    <>
      <OutcomesSection summary={report.summary} />
      <TimesSection summary={report.summary} />
      <OperatorsSection rows={report.byOperator} />
      <SitesSection rows={report.bySite} />
      <HoursSection rows={report.byHour} />
      <FalseCamerasSection rows={report.falseCameras} />
      <FalseSitesSection rows={report.falseSites} />
    </>
  );
}
