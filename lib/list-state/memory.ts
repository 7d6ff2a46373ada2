// Sorting and paging for the short lists that are read whole (a dealer's users, stations, a site's
// jobs): the same page/per/sort/dir URL state as the SQL-paged lists, applied in memory.
import { pageCount } from "./pages";

export type Paged<Row> = { rows: Row[]; total: number; page: number; pages: number };

type Key = string | number | boolean | Date | null | undefined;

function compare(a: Key, b: Key): number {
  // Missing values last in either direction of the main key is what people expect; keep them last.
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : 1;
  if (b === null || b === undefined) return -1;
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (typeof a === "string" && typeof b === "string") return a.localeCompare(b, "en", { sensitivity: "base" });
  return Number(a) - Number(b);
}

/** Rows sorted by `key` (stable: equal keys keep their order), then one page of them. */
export function sortAndPage<Row>(
  rows: readonly Row[],
  key: (row: Row) => Key,
  dir: "asc" | "desc",
  page: number,
  per: number,
): Paged<Row> {
  const sign = dir === "asc" ? 1 : -1;
  const sorted = rows
    .map((row, i) => ({ row, i, k: key(row) }))
    .sort((a, b) => {
      const missing = (a.k === null || a.k === undefined) !== (b.k === null || b.k === undefined);
      return (missing ? compare(a.k, b.k) : sign * compare(a.k, b.k)) || a.i - b.i;
    })
    .map((x) => x.row);
  const pages = pageCount(sorted.length, per);
  return { rows: sorted.slice((page - 1) * per, page * per), total: sorted.length, page, pages };
}
