// The fleet page's state lives in the URL (bookmarkable): filters, page, page size, declared with
// the list-page parsers (lib/list-state). Parsed once, never throws; anything odd falls back to
// that control's default.
import { DEVICE_TYPES } from "@/lib/bulk/fields";
import { minutesText } from "@/lib/duration-text";
import { DEVICE_STATUSES } from "@/lib/fleet/device-status";
import { defineListState } from "@/lib/list-state/define";
import { chektIdFilter } from "@/lib/list-state/chekt-id";
import { pageParam, perParam } from "@/lib/list-state/pages";
import { intIn, oneOfOrAny, text } from "@/lib/list-state/parsers";

export const FLEET_PAGE_SIZES = [50, 100, 200] as const;
/** "Offline longer than…" choices, in minutes, worded by minutesText (a dealer's alert threshold is one of its own). */
export const OFFLINE_FOR_CHOICES = [15, 60, 240, 1440, 10080].map((min) => ({ min, label: minutesText(min) }));

export const fleetList = defineListState(
  { path: "/fleet", noun: "devices" },
  {
    status: oneOfOrAny(DEVICE_STATUSES),
    // Minutes; implies status offline. Bounded so the SQL interval stays sane.
    offlineFor: intIn(1, 525_600),
    site: chektIdFilter(),
    type: oneOfOrAny(DEVICE_TYPES),
    firmware: text(64).withDefault(""),
    page: pageParam(),
    per: perParam(FLEET_PAGE_SIZES),
  },
);
export type FleetListState = typeof fleetList.defaults;

export function isFiltered(state: FleetListState): boolean {
  return Boolean(state.status || state.offlineFor || state.site || state.type || state.firmware);
}
