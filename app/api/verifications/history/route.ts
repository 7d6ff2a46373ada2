import { requireRouteDealer } from "@/lib/auth/require";
import { parseHistoryParams } from "@/lib/verifications/history-filter";
import { answerDetails, historyCsv } from "@/lib/verifications/outcomes-history";
import { HISTORY_PAGE_SIZE, listHistory } from "@/lib/verifications/queries";
import { auditedCsv } from "@/lib/verifications/route";
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
  const extra: Record<string, string> = { "x-total-count": String(total) };
  if (total > items.length) extra["x-truncated"] = `first ${items.length} of ${total}`;
  return auditedCsv(
    { user, dealer },
    { action: "verifications.history_export", objectKind: "verification", after: { filter: raw, rows: items.length } },
    () => historyCsv(items, details),
    "verification-history.csv",
    extra,
  );
}
