import type { SearchParams } from "@/lib/list-state/search-params";

/** The page's own search params as a query string, with some keys replaced or dropped. */
export function queryWith(sp: SearchParams, changes: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(sp)) {
    const one = Array.isArray(v) ? v[0] : v;
    if (one) q.set(k, one);
  }
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined || v === "") q.delete(k);
    else q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}
