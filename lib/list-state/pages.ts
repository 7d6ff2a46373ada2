// What every paged list says the same way: the rows-per-page choices, the largest page a URL may
// name, and how many pages a count of rows fills.
import { intIn, numberOf } from "./parsers";

/** Rows per page on the lists that offer a choice (the fleet's own are larger: lib/fleet/list-state.ts). */
export const PAGE_SIZES = [25, 50, 100] as const;

/**
 * The largest page number a URL may name, one for every list: past any list's last page (a million
 * pages of 25 is more rows than any dealer has), and small enough that no bookmark asks the
 * database to skip an absurd number of rows.
 */
export const MAX_PAGE = 1_000_000;

/** `?page=`: 1 to MAX_PAGE, else the first. */
export const pageParam = () => intIn(1, MAX_PAGE).withDefault(1);

/** `?per=`: one of `sizes`, else the first of them. */
export const perParam = (sizes: readonly [number, ...number[]] = PAGE_SIZES) => numberOf(sizes).withDefault(sizes[0]);

/** How many pages `total` rows fill at `per` a page (at least one, so an empty list still has its page). */
export function pageCount(total: number, per: number): number {
  return Math.max(1, Math.ceil(total / per));
}
