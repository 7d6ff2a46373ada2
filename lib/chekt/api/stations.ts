import "server-only";
import { listQueryParams } from "@/lib/chekt/list-query";
import type {
  CreateMonitoringStationDto,
  ResponseMonitoringStationDto,
  UpdateMonitoringStationDto,
} from "@/lib/schemas/contract";
import { callData, chekt, ofDealer, pageOf, type CallOpts, type DealerRef } from "./call";
import { countSites } from "./sites";

// Each call's answer type is the contract's (lib/chekt/openapi.yaml), as callData infers it.
const STATIONS = "/partner/v1/dealers/{dealerId}/monitoring-stations";
const STATION = "/partner/v1/dealers/{dealerId}/monitoring-stations/{monitoringStationId}";

/** The path parameters of one station (STATION); the dealer's stations (STATIONS) take ofDealer's. */
const ofStation = (scope: DealerRef, stationId: number) => ({
  path: { dealerId: scope.dealerId, monitoringStationId: stationId },
});

/** Every station of the dealer, by name (dealers have a handful, so one page of up to 500). */
export async function listStations(scope: DealerRef, opts: CallOpts = {}): Promise<ResponseMonitoringStationDto[]> {
  const query = listQueryParams({ sort: "name", dir: "asc", limit: 500, offset: 0 });
  return (await callData(chekt, "GET", STATIONS, { params: { ...ofDealer(scope), query } }, opts)) ?? [];
}

export function getStation(scope: DealerRef, stationId: number, opts: CallOpts = {}) {
  return callData(chekt, "GET", STATION, { params: ofStation(scope, stationId) }, opts);
}

export function createStation(scope: DealerRef, body: CreateMonitoringStationDto, opts: CallOpts = {}) {
  return callData(chekt, "POST", STATIONS, { params: ofDealer(scope), body }, opts);
}

export function updateStation(
  scope: DealerRef,
  stationId: number,
  body: UpdateMonitoringStationDto,
  opts: CallOpts = {},
) {
  return callData(chekt, "PUT", STATION, { params: ofStation(scope, stationId), body }, opts);
}

export async function deleteStation(scope: DealerRef, stationId: number, opts: CallOpts = {}): Promise<void> {
  await callData(chekt, "DELETE", STATION, { params: ofStation(scope, stationId) }, opts);
}

/** Sites that still route alarms to this station (asked of CHeKT with a filter, not counted here). */
export function countSitesRoutingTo(scope: DealerRef, stationId: number, opts: CallOpts = {}): Promise<number> {
  return countSites(scope, [{ column: "monitoring_station_id", value: stationId, op: "eq" }], opts);
}

/** One page of stations, with CHeKT's total (for sweeps and counts). */
export async function listStationsPage(
  scope: DealerRef,
  page: { limit: number; offset: number },
  opts: CallOpts = {},
): Promise<{ rows: ResponseMonitoringStationDto[]; total: number }> {
  const query = listQueryParams({ sort: "monitoring_station_id", dir: "asc", ...page });
  return pageOf(await chekt.request("GET", STATIONS, { params: { ...ofDealer(scope), query } }, opts));
}
