import { randomUUID } from "node:crypto";
import { writeAudit } from "@/lib/audit";
import { requireRouteRole } from "@/lib/auth/require";
import { visibleDealerLinkIds } from "@/lib/dealer";
import { prisma } from "@/lib/db";
import { parseAuditFilters, csvRow } from "@/lib/settings/audit-filters";
import { auditBatches } from "@/lib/settings/audit-query";

export const dynamic = "force-dynamic";

const HEADER = [
  "id",
  "at",
  "user_email",
  "user_id",
  "action",
  "object_kind",
  "chekt_id",
  "external_id",
  "dealer_link_id",
  "trace_id",
  "outcome",
  "error",
  "before",
  "after",
];

/** CSV of the audit log with the page's filters, streamed batch by batch (admin only). */
export async function GET(request: Request) {
  const { user, dealer, denied } = await requireRouteRole("admin");
  if (denied) return denied;
  const { filters, errors } = parseAuditFilters(new URL(request.url).searchParams);
  if (errors.length)
    return Response.json({ error: { code: "validation_failed", message: errors.join(" ") } }, { status: 400 });
  // Who took a copy of the history, and of which part, is itself history.
  const traceId = randomUUID();
  const visible = await visibleDealerLinkIds(user, dealer);
  await writeAudit(prisma, {
    action: "audit.export",
    objectKind: "audit_log",
    dealerLinkId: dealer?.id,
    traceId,
    outcome: "success",
    user,
    after: { filters },
  });

  const encoder = new TextEncoder();
  const batches = auditBatches(filters, visible);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvRow(HEADER)));
    },
    async pull(controller) {
      try {
        const next = await batches.next();
        if (next.done) return controller.close();
        const chunk = next.value
          .map((r) =>
            csvRow([
              r.id.toString(),
              r.at,
              r.userEmail,
              r.userId,
              r.action,
              r.objectKind,
              r.chektId,
              r.externalId,
              r.dealerLinkId,
              r.traceId,
              r.outcome,
              r.error,
              r.before,
              r.after,
            ]),
          )
          .join("");
        controller.enqueue(encoder.encode(chunk));
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="audit-${stamp}.csv"`,
      "cache-control": "no-store",
      "x-partner-trace-id": traceId,
    },
  });
}
