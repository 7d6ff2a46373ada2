import "server-only";
import { listQueryParams } from "@/lib/chekt/list-query";
import type {
  CreateMonitoringStationDto,
  ResponseMonitoringStationDto,
  UpdateMonitoringStationDto,
} from "@/lib/schemas/contract";
import { callData, chekt, pageOf, type CallOpts, type DealerRef } from "./call";
import { countSites } from "./sites";

const STATIONS = "/partner/v1/dealers/{dealerId}/monitoring-stations";
const STATION = "/partner/v1/dealers/{dealerId}/monitoring-stations/{monitoringStationId}";

/** Every station of the dealer, by name (dealers have a handful, so one page of up to 500). */
export async function listStations(scope: DealerRef, opts: CallOpts = {}): Promise<ResponseMonitoringStationDto[]> {
  const query = listQueryParams({ sort: "name", dir: "asc", limit: 500, offset: 0 });
  const data = await callData(chekt, "GET", STATIONS, { params: { path: { dealerId: scope.dealerId }, query } }, opts);
  return data ?? [];
}

export function getStation(
  scope: DealerRef,
  stationId: number,
  opts: CallOpts = {},
): Promise<ResponseMonitoringStationDto> {
  const params = { path: { dealerId: scope.dealerId, monitoringStationId: stationId } };
  return callData(chekt, "GET", STATION, { params }, opts);
}

export function createStation(
  scope: DealerRef,
  body: CreateMonitoringStationDto,
  opts: CallOpts = {},
): Promise<ResponseMonitoringStationDto> {
  return callData(chekt, "POST", STATIONS, { params: { path: { dealerId: scope.dealerId } }, body }, opts);
}

export function updateStation(
  scope: DealerRef,
  stationId: number,
  body: UpdateMonitoringStationDto,
  opts: CallOpts = {},
): Promise<ResponseMonitoringStationDto> {
  const params = { path: { dealerId: scope.dealerId, monitoringStationId: stationId } };
  return callData(chekt, "PUT", STATION, { params, body }, opts);
}

export async function deleteStation(scope: DealerRef, stationId: number, opts: CallOpts = {}): Promise<void> {
  const params = { path: { dealerId: scope.dealerId, monitoringStationId: stationId } };
  await callData(chekt, "DELETE", STATION, { params }, opts);
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
  return pageOf(await chekt.request("GET", STATIONS, { params: { path: { dealerId: scope.dealerId }, query } }, opts));
}

/** How many stations the dealer has (X-Total-Count of a one-row page). */
export async function countStations(scope: DealerRef, opts: CallOpts = {}): Promise<number> {
  return (await listStationsPage(scope, { limit: 1, offset: 0 }, opts)).total;
}
