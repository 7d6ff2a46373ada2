import { requireRouteRole } from "@/lib/auth/require";
import { budgetPanel } from "@/lib/chekt/budget-panel";
import { isOwner } from "@/lib/dealer";
import { resolveApiKey } from "@/lib/settings/credentials";

export const dynamic = "force-dynamic";

/**
 * The CHeKT call budget for the Settings panel (components/admin/budget-panel.tsx polls it):
 * tokens left, calls per class per minute, 429s and waits, per credential. Admins only: it tells
 * how busy the partner account is. Never a key: API keys appear only as a hash prefix. A dealer
 * admin sees the partner's budget and their own dealer's App key; the owner sees every key.
 */
export async function GET() {
  const { user, dealer, denied } = await requireRouteRole("admin");
  if (denied) return denied;
  let keys: "all" | string[] = [];
  if (await isOwner(user.id)) keys = "all";
  else if (dealer) {
    const apiKey = await resolveApiKey(dealer.id);
    if (apiKey) keys = [apiKey];
  }
  return Response.json(await budgetPanel(keys), { headers: { "cache-control": "no-store" } });
}
