// The detail view's dispatch information (site, station, call list, directions, notes, history),
// from Postgres only: opening an alarm makes no CHeKT call (lib/verifications/detail.ts).
import { readDetail } from "@/lib/verifications/detail";
import { recordFirstView } from "@/lib/verifications/report-views";
import { verificationRead } from "@/lib/verifications/route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = verificationRead(async ({ user, dealer, id }) => {
  const detail = await readDetail(dealer.id, id);
  if (detail) await recordFirstView(dealer.id, id, user);
  return detail;
});
