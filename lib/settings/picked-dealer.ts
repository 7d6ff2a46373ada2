import "server-only";
import { requirePageScope } from "@/lib/auth/require";
import type { SearchParams } from "@/lib/list-state/search-params";
import { pickDealer } from "./dealers";

/**
 * First line of the admin pages that work on one of the admin's dealers (settings, app devices,
 * drift): admins only, and the dealer the page's `?dealer=` names, else the current one
 * (lib/settings/dealers.ts `pickDealer`, which answers 404 for a dealer the admin does not have).
 */
export async function adminPickedDealer(searchParams: Promise<SearchParams>) {
  const scope = await requirePageScope("admin");
  const sp = await searchParams;
  const { chosen } = await pickDealer(scope, typeof sp.dealer === "string" ? sp.dealer : undefined);
  return chosen;
}
