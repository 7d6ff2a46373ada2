// The fleet page's state lives in the URL (bookmarkable): filters, page, page size, declared with
// the list-page parsers (lib/list-state). Parsed once, never throws; anything odd falls back to
// that control's default.
import { defineListState } from "@/lib/list-state/define";
import { chektIdFilter } from "@/lib/list-state/chekt-id";
import { pageParam, perParam } from "@/lib/list-state/pages";
import { intIn, oneOf, text } from "@/lib/list-state/parsers";

export const FLEET_PAGE_SIZES = [50, 100, 200] as const;
/** "Offline longer than…" choices, in minutes (a dealer's alert threshold is one of its own). */
export const OFFLINE_FOR_CHOICES = [
  { min: 15, label: "15 minutes" },
  { min: 60, label: "1 hour" },
  { min: 240, label: "4 hours" },
  { min: 1440, label: "1 day" },
  { min: 10080, label: "7 days" },
] as const;

export const fleetList = defineListState(
  { path: "/fleet", noun: "devices" },
  {
    status: oneOf(["", "online", "offline", "unknown"]).withDefault(""),
    // Minutes; implies status offline. Bounded so the SQL interval stays sane.
    offlineFor: intIn(1, 525_600),
    site: chektIdFilter(),
    type: oneOf(["", "camera", "bridge"]).withDefault(""),
    firmware: text(64).withDefault(""),
    page: pageParam(),
    per: perParam(FLEET_PAGE_SIZES),
  },
);
export type FleetListState = typeof fleetList.defaults;

export function isFiltered(state: FleetListState): boolean {
  return Boolean(state.status || state.offlineFor || state.site || state.type || state.firmware);
}
