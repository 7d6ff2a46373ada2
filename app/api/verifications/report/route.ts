import { requireRouteDealer } from "@/lib/auth/require";
import { readDeskReport } from "@/lib/verifications/report";
import { outcomeCounts } from "@/lib/verifications/outcomes-history";
import { reportCsv } from "@/lib/verifications/report-csv";
import { parseReportRange } from "@/lib/verifications/report-range";
import { auditedCsv } from "@/lib/verifications/route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** CSV of the desk report for the current dealer over ?from=&to= (the page's range). */
export async function GET(request: Request) {
  const { user, dealer, denied } = await requireRouteDealer("viewer");
  if (denied) return denied;
  const { range, errors } = parseReportRange(new URL(request.url).searchParams);
  if (!range)
    return Response.json({ error: { code: "validation_failed", message: errors.join(" ") } }, { status: 400 });
  const [report, byOutcome] = await Promise.all([readDeskReport(dealer.id, range), outcomeCounts(dealer.id, range)]);
  return auditedCsv(
    { user, dealer },
    {
      action: "verifications.report_export",
      objectKind: "desk_report",
      after: { from: range.fromDay, to: range.toDay },
    },
    () => reportCsv(report, range, byOutcome),
    `desk-report-${range.fromDay}-to-${range.toDay}.csv`,
  );
}
