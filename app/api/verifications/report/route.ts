import { randomUUID } from "node:crypto";
import { writeAudit } from "@/lib/audit";
import { requireRouteDealer } from "@/lib/auth/require";
import { prisma } from "@/lib/db";
import { readDeskReport } from "@/lib/verifications/report";
import { outcomeCounts } from "@/lib/verifications/outcomes-history";
import { reportCsv } from "@/lib/verifications/report-csv";
import { parseReportRange } from "@/lib/verifications/report-range";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** CSV of the desk report for the current dealer over ?from=&to= (the page's range). */
export async function GET(request: Request) {
  const { user, dealer, denied } = await requireRouteDealer("viewer");
  if (denied) return denied;
  const { range, errors } = parseReportRange(new URL(request.url).searchParams);
  if (!range)
    return Response.json({ error: { code: "validation_failed", message: errors.join(". ") } }, { status: 400 });
  const [report, byOutcome] = await Promise.all([readDeskReport(dealer.id, range), outcomeCounts(dealer.id, range)]);
  // Who took a copy of the desk's numbers, and for which range, is history too.
  const traceId = randomUUID();
  await writeAudit(prisma, {
    action: "verifications.report_export",
    objectKind: "desk_report",
    dealerLinkId: dealer.id,
    traceId,
    outcome: "success",
    user,
    after: { from: range.fromDay, to: range.toDay },
  });
  return new Response(reportCsv(report, range, byOutcome), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="desk-report-${range.fromDay}-to-${range.toDay}.csv"`,
      "cache-control": "no-store",
      "x-partner-trace-id": traceId,
    },
  });
}
