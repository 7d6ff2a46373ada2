// The monitoring stations page's URL state (bookmarkable): sort and page, declared with the
// list-page parsers (lib/list-state). A dealer's stations are read whole and paged in memory.
import { defineListState } from "@/lib/list-state/define";
import { intIn, numberOf, oneOf } from "@/lib/list-state/parsers";

export const STATION_SORTS = ["name", "external", "prefix", "created"] as const;
export const STATION_PAGE_SIZES = [25, 50, 100] as const;

export const stationsList = defineListState(
  { path: "/stations", noun: "stations" },
  {
    sort: oneOf(STATION_SORTS).withDefault("name"),
    dir: oneOf(["asc", "desc"]).withDefault("asc"),
    page: intIn(1, 100_000).withDefault(1),
    per: numberOf(STATION_PAGE_SIZES).withDefault(25),
  },
);
export type StationsListState = typeof stationsList.defaults;
