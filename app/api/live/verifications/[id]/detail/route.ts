// The detail view's dispatch information (site, station, call list, directions, notes, history),
// from Postgres only: opening an alarm makes no CHeKT call (lib/verifications/detail.ts).
import { refusedNotFoundJson } from "@/lib/auth/require";
import { readDetail } from "@/lib/verifications/detail";
import { recordFirstView } from "@/lib/verifications/report-views";
import { requireVerificationRead } from "@/lib/verifications/route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request, ctx: { params: Promise<{ id: string }> }) {
  const read = await requireVerificationRead(ctx.params);
  if (read.denied) return read.denied;
  const { user, dealer, id } = read;
  const detail = await readDetail(dealer.id, id);
  if (!detail) return refusedNotFoundJson({ user, dealer }, "verification", id, request);
  await recordFirstView(dealer.id, id, user);
  return Response.json(detail, { headers: { "cache-control": "private, no-store" } });
}
