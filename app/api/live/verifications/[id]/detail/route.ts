// The detail view's dispatch information (site, station, call list, directions, notes, history),
// from Postgres only: opening an alarm makes no CHeKT call (lib/verifications/detail.ts).
import { refusedNotFoundJson, requireRouteDealer } from "@/lib/auth/require";
import { readDetail } from "@/lib/verifications/detail";
import { recordFirstView } from "@/lib/verifications/report-views";
import { verificationIdSchema } from "@/lib/verifications/schemas";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request, ctx: { params: Promise<{ id: string }> }) {
  const { user, dealer, denied } = await requireRouteDealer("viewer");
  if (denied) return denied;
  const id = verificationIdSchema.safeParse((await ctx.params).id);
  if (!id.success)
    return Response.json(
      { error: { code: "bad_id", message: id.error.issues[0]?.message ?? "Bad verification id" } },
      { status: 400 },
    );
  const detail = await readDetail(dealer.id, id.data);
  if (!detail) return refusedNotFoundJson({ user, dealer }, "verification", id.data, request);
  await recordFirstView(dealer.id, id.data, user);
  return Response.json(detail, { headers: { "cache-control": "private, no-store" } });
}
