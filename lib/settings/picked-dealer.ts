import "server-only";
import type { SearchParams } from "@/lib/list-state/search-params";
import { pickDealer } from "./dealers";

/**
 * First line of the admin pages that work on one of the admin's dealers (settings, app devices,
 * drift): the dealer the page's `?dealer=` names when the user administers it, else the current one
 * for its admins (lib/settings/dealers.ts `pickDealer`, the one place that decides who may open them).
 */
export async function adminPickedDealer(searchParams: Promise<SearchParams>) {
  const sp = await searchParams;
  return pickDealer(typeof sp.dealer === "string" ? sp.dealer : undefined);
}
