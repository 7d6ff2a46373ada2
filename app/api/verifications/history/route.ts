import { randomUUID } from "node:crypto";
import { writeAudit } from "@/lib/audit";
import { requireRouteDealer } from "@/lib/auth/require";
import { prisma } from "@/lib/db";
import { parseHistoryParams } from "@/lib/verifications/history-filter";
import { answerDetails, historyCsv } from "@/lib/verifications/outcomes-history";
import { HISTORY_PAGE_SIZE, listHistory } from "@/lib/verifications/queries";
import type { QueueItem } from "@/lib/verifications/types";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// Enough for a busy month of one dealer; a wider export is cut here and says so in a header.
const MAX_ROWS = 10_000;

/** CSV of the verification history with the page's filters (state, site, operator, from, to). */
export async function GET(request: Request) {
  const { user, dealer, denied } = await requireRouteDealer("viewer");
  if (denied) return denied;
  const raw = Object.fromEntries(new URL(request.url).searchParams);
  const { filter, errors } = parseHistoryParams(raw);
  if (errors.length)
    return Response.json({ error: { code: "validation_failed", message: errors.join(". ") } }, { status: 400 });
  const items: QueueItem[] = [];
  let total = 0;
  for (let page = 1; items.length < MAX_ROWS; page++) {
    const r = await listHistory(dealer.id, dealer.chektDealerId, { ...filter, page });
    total = r.total;
    items.push(...r.items);
    if (r.items.length < HISTORY_PAGE_SIZE) break;
  }
  const details = await answerDetails(
    dealer.id,
    items.map((i) => i.id),
  );
  const traceId = randomUUID();
  await writeAudit(prisma, {
    action: "verifications.history_export",
    objectKind: "verification",
    dealerLinkId: dealer.id,
    traceId,
    outcome: "success",
    user,
    after: { filter: raw, rows: items.length },
  });
  return new Response(historyCsv(items, details), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="verification-history.csv"`,
      "cache-control": "no-store",
      "x-partner-trace-id": traceId,
      "x-total-count": String(total),
      ...(total > items.length ? { "x-truncated": `first ${items.length} of ${total}` } : {}),
    },
  });
}
