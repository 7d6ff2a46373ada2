// The detail view's dispatch information (site, station, call list, directions, notes, history),
// from Postgres only: opening an alarm makes no CHeKT call (lib/verifications/detail.ts).
import { notFoundJson, requireRouteRole } from "@/lib/auth/require";
import { NO_DEALER_MESSAGE } from "@/lib/dealer";
import { readDetail } from "@/lib/verifications/detail";
import { recordFirstView } from "@/lib/verifications/report-views";
import { verificationIdSchema } from "@/lib/verifications/schemas";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(_request: Request, ctx: { params: Promise<{ id: string }> }) {
  const { user, dealer, denied } = await requireRouteRole("viewer");
  if (denied) return denied;
  if (!dealer) return Response.json({ error: { code: "no_dealer", message: NO_DEALER_MESSAGE } }, { status: 409 });
  const id = verificationIdSchema.safeParse((await ctx.params).id);
  if (!id.success) return Response.json({ error: { code: "bad_id", message: id.error.issues[0]?.message ?? "Bad verification id" } }, { status: 400 });
  const detail = await readDetail(dealer.id, id.data);
  if (!detail) return notFoundJson("verification");
  await recordFirstView(dealer.id, id.data, user);
  return Response.json(detail, { headers: { "cache-control": "private, no-store" } });
}
