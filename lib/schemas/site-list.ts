// The sites table's state lives in the URL (bookmarkable, back button works). This module turns
// search params into a checked state, the state back into an href, and the state into CHeKT's own
// list controls so paging, sorting and filtering all happen on the server.
import { z } from "zod";
import type { ListFilter, ListQuery } from "@/lib/chekt/list-query";
import { isValidTimeZone } from "./timezones";

/** Columns a dealer can show; `name` is always shown because it carries the link. */
export const SITE_COLUMNS = {
  name: { label: "Name", sortable: true },
  external_site_id: { label: "Site ID", sortable: true },
  account_number: { label: "Account", sortable: true },
  timezone: { label: "Time zone", sortable: true },
  monitoring_station_id: { label: "Station", sortable: true },
  address1: { label: "Address", sortable: true },
  is_activated: { label: "Status", sortable: true },
  created_at: { label: "Created", sortable: true },
} as const;
export type SiteColumn = keyof typeof SITE_COLUMNS;
export const SITE_COLUMN_KEYS = Object.keys(SITE_COLUMNS) as SiteColumn[];
export const DEFAULT_SITE_COLUMNS: SiteColumn[] = ["name", "external_site_id", "account_number", "timezone", "is_activated", "created_at"];
export const PAGE_SIZES = [25, 50, 100] as const;

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);

export const siteListStateSchema = z.object({
  q: z.preprocess(first, z.string().trim().max(100).catch("").default("")),
  active: z.preprocess(first, z.enum(["", "1", "0"]).catch("").default("")),
  tz: z.preprocess(first, z.string().trim().refine((v) => v === "" || isValidTimeZone(v)).catch("").default("")),
  station: z.preprocess(first, z.string().regex(/^\d{1,12}$/).catch("").default("")),
  // Site readiness (lib/readiness): "0" only the sites that fail a check, "1" only ready ones.
  ready: z.preprocess(first, z.enum(["", "1", "0"]).catch("").default("")),
  sort: z.preprocess(first, z.enum(SITE_COLUMN_KEYS as [SiteColumn, ...SiteColumn[]]).catch("name").default("name")),
  dir: z.preprocess(first, z.enum(["asc", "desc"]).catch("asc").default("asc")),
  page: z.preprocess(first, z.coerce.number().int().min(1).max(1_000_000).catch(1).default(1)),
  per: z.preprocess(
    first,
    z.coerce
      .number()
      .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
      .catch(25)
      .default(25),
  ),
  // A GET form's checkboxes send cols=a&cols=b; a link sends cols=a,b. Read both.
  cols: z.preprocess(
    // Only strings are joined: a non-string element (never from a URL, but an action may be sent
    // anything) would make join() call its toString and could throw.
    (v) => (Array.isArray(v) ? v.filter((c): c is string => typeof c === "string").join(",") : v),
    z
      .string()
      .transform((v) => {
        const picked = v.split(",").filter((c): c is SiteColumn => c in SITE_COLUMNS);
        return picked.length ? [...new Set<SiteColumn>(["name", ...picked])] : DEFAULT_SITE_COLUMNS;
      })
      .catch(DEFAULT_SITE_COLUMNS)
      .default(DEFAULT_SITE_COLUMNS),
  ),
});
export type SiteListState = z.output<typeof siteListStateSchema>;

/** Never throws: anything odd in the URL falls back to the default for that control. */
export function parseSiteListState(params: Record<string, string | string[] | undefined>): SiteListState {
  return siteListStateSchema.parse(params);
}

/** The query string for a state, leaving defaults out so URLs stay short. */
export function siteListSearch(state: SiteListState): string {
  const p = new URLSearchParams();
  if (state.q) p.set("q", state.q);
  if (state.active) p.set("active", state.active);
  if (state.tz) p.set("tz", state.tz);
  if (state.station) p.set("station", state.station);
  if (state.ready) p.set("ready", state.ready);
  if (state.sort !== "name") p.set("sort", state.sort);
  if (state.dir !== "asc") p.set("dir", state.dir);
  if (state.page !== 1) p.set("page", String(state.page));
  if (state.per !== 25) p.set("per", String(state.per));
  const cols = state.cols.join(",");
  if (cols !== DEFAULT_SITE_COLUMNS.join(",")) p.set("cols", cols);
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** A new state with `changes`; any change other than the page sends the user back to page 1. */
export function withSiteListChanges(state: SiteListState, changes: Partial<SiteListState>): SiteListState {
  const next = { ...state, ...changes };
  if (!("page" in changes)) next.page = 1;
  return next;
}

/**
 * A regex that matches `text` literally and case-insensitively, written without flags
 * (CHeKT's `regex` operator takes none): every special character is escaped and every letter
 * becomes a class such as [gG]. Commas need nothing: the filter's column ends at its first comma
 * and the operator starts after its last (lib/chekt/list-query.ts), so commas inside are literal.
 */
export function literalCaseInsensitiveRegex(text: string): string {
  let out = "";
  for (const ch of text) {
    if (/[.*+?^${}()|[\]\\/]/.test(ch)) out += `\\${ch}`;
    else if (ch.toLowerCase() !== ch.toUpperCase()) out += `[${ch.toLowerCase()}${ch.toUpperCase()}]`;
    else out += ch;
  }
  return out;
}

export type SiteListControls = ListQuery & { fields: string[]; filter: ListFilter[]; limit: number; offset: number };

/** CHeKT's list controls for a state: only the chosen columns, the filters, one page. */
export function siteListControls(state: SiteListState): SiteListControls {
  const filter: ListFilter[] = [];
  if (state.q) filter.push({ column: "name", value: literalCaseInsensitiveRegex(state.q), op: "regex" });
  if (state.active) filter.push({ column: "is_activated", value: state.active, op: "eq" });
  if (state.tz) filter.push({ column: "timezone", value: state.tz, op: "eq" });
  if (state.station) filter.push({ column: "monitoring_station_id", value: state.station, op: "eq" });
  return {
    fields: [...new Set(["site_id", "name", ...state.cols])],
    filter,
    sort: state.sort,
    dir: state.dir,
    limit: state.per,
    offset: (state.page - 1) * state.per,
  };
}
