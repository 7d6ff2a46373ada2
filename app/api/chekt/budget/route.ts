import { requireRouteRole } from "@/lib/auth/require";
import { budgetPanel } from "@/lib/chekt/budget-panel";

export const dynamic = "force-dynamic";

/**
 * The CHeKT call budget for the Settings panel (components/admin/budget-panel.tsx polls it):
 * tokens left, calls per class per minute, 429s and waits, per credential. Admins only: it tells
 * how busy the partner account is. Never a key: API keys appear only as a hash prefix.
 */
export async function GET() {
  const { denied } = await requireRouteRole("admin");
  if (denied) return denied;
  return Response.json(await budgetPanel(), { headers: { "cache-control": "no-store" } });
}
