// The sites table's state lives in the URL (bookmarkable, back button works), declared with the
// list-page parsers (lib/list-state). This module adds what is the sites list's own: its columns
// and the state turned into CHeKT's list controls, so paging, sorting and filtering happen server-side.
import type { ListFilter, ListQuery } from "@/lib/chekt/list-query";
import { defineListState } from "@/lib/list-state/define";
import { chektIdFilter } from "@/lib/list-state/chekt-id";
import { pageParam, perParam } from "@/lib/list-state/pages";
import { dirParam } from "@/lib/list-state/sort-dir";
import { columns, matching, oneOf, oneOfOrAny, text } from "@/lib/list-state/parsers";
import { isValidTimeZone } from "./timezones";
import { keysOf } from "@/lib/keys-of";

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
export const SITE_COLUMN_KEYS: SiteColumn[] = keysOf(SITE_COLUMNS);
export const DEFAULT_SITE_COLUMNS: SiteColumn[] = [
  "name",
  "external_site_id",
  "account_number",
  "timezone",
  "is_activated",
  "created_at",
];

export const siteList = defineListState(
  { path: "/sites", noun: "sites" },
  {
    q: text(100).withDefault(""),
    active: oneOfOrAny(["1", "0"]),
    tz: matching(isValidTimeZone).withDefault(""),
    station: chektIdFilter(),
    // Site readiness (lib/readiness): "0" only the sites that fail a check, "1" only ready ones.
    ready: oneOfOrAny(["1", "0"]),
    sort: oneOf(SITE_COLUMN_KEYS).withDefault("name"),
    dir: dirParam(),
    page: pageParam(),
    per: perParam(),
    cols: columns(SITE_COLUMN_KEYS, "name", DEFAULT_SITE_COLUMNS).withDefault(DEFAULT_SITE_COLUMNS),
  },
);
export type SiteListState = typeof siteList.defaults;

export function isSiteListFiltered(state: SiteListState): boolean {
  return Boolean(state.q || state.active || state.tz || state.station || state.ready);
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
