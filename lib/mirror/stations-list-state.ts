// The monitoring stations page's URL state (bookmarkable): sort and page, declared with the
// list-page parsers (lib/list-state). A dealer's stations are read whole and paged in memory.
import { defineListState } from "@/lib/list-state/define";
import { sortAndPage } from "@/lib/list-state/memory";
import { pageParam, perParam } from "@/lib/list-state/pages";
import { dirParam } from "@/lib/list-state/sort-dir";
import { oneOf } from "@/lib/list-state/parsers";

export const STATION_SORTS = ["name", "external", "prefix", "created"] as const;

export const stationsList = defineListState(
  { path: "/stations", noun: "stations" },
  {
    sort: oneOf(STATION_SORTS).withDefault("name"),
    dir: dirParam(),
    page: pageParam(),
    per: perParam(),
  },
);
export type StationsListState = typeof stationsList.defaults;

type Station = {
  name: string;
  external_monitoring_station_id: string;
  prefix?: string | null;
  created_at?: string | null;
};

const SORT_KEY: Record<(typeof STATION_SORTS)[number], (s: Station) => string | null | undefined> = {
  name: (s) => s.name,
  external: (s) => s.external_monitoring_station_id,
  prefix: (s) => s.prefix,
  created: (s) => s.created_at,
};

/** The stations sorted as the URL says, cut to its page. */
export function pageOfStations<Row extends Station>(all: readonly Row[], state: StationsListState) {
  return sortAndPage(all, SORT_KEY[state.sort], state.dir, state.page, state.per);
}
