import "server-only";
import { listQueryParams } from "@/lib/chekt/list-query";
import type { CreateMonitoringStationDto, ResponseMonitoringStationDto, UpdateMonitoringStationDto } from "@/lib/schemas/contract";
import { chekt, type CallOpts } from "./call";
import type { DealerScope } from "./scope";
import { countSites } from "./sites";

/** Every station of the dealer, by name (dealers have a handful, so one page of up to 500). */
export async function listStations(scope: DealerScope, opts: CallOpts = {}): Promise<ResponseMonitoringStationDto[]> {
  const { data } = await chekt.request(
    "GET",
    "/partner/v1/dealers/{dealerId}/monitoring-stations",
    { params: { path: { dealerId: scope.dealerId }, query: listQueryParams({ sort: "name", dir: "asc", limit: 500, offset: 0 }) } },
    opts,
  );
  return (data ?? []) as ResponseMonitoringStationDto[];
}

export async function getStation(scope: DealerScope, stationId: number, opts: CallOpts = {}): Promise<ResponseMonitoringStationDto> {
  const { data } = await chekt.request(
    "GET",
    "/partner/v1/dealers/{dealerId}/monitoring-stations/{monitoringStationId}",
    { params: { path: { dealerId: scope.dealerId, monitoringStationId: stationId } } },
    opts,
  );
  return data as ResponseMonitoringStationDto;
}

export async function createStation(scope: DealerScope, body: CreateMonitoringStationDto, opts: CallOpts = {}): Promise<ResponseMonitoringStationDto> {
  const { data } = await chekt.request("POST", "/partner/v1/dealers/{dealerId}/monitoring-stations", { params: { path: { dealerId: scope.dealerId } }, body }, opts);
  return data as ResponseMonitoringStationDto;
}

export async function updateStation(scope: DealerScope, stationId: number, body: UpdateMonitoringStationDto, opts: CallOpts = {}): Promise<ResponseMonitoringStationDto> {
  const { data } = await chekt.request(
    "PUT",
    "/partner/v1/dealers/{dealerId}/monitoring-stations/{monitoringStationId}",
    { params: { path: { dealerId: scope.dealerId, monitoringStationId: stationId } }, body },
    opts,
  );
  return data as ResponseMonitoringStationDto;
}

export async function deleteStation(scope: DealerScope, stationId: number, opts: CallOpts = {}): Promise<void> {
  await chekt.request(
    "DELETE",
    "/partner/v1/dealers/{dealerId}/monitoring-stations/{monitoringStationId}",
    { params: { path: { dealerId: scope.dealerId, monitoringStationId: stationId } } },
    opts,
  );
}

/** Sites that still route alarms to this station (asked of CHeKT with a filter, not counted here). */
export function countSitesRoutingTo(scope: DealerScope, stationId: number, opts: CallOpts = {}): Promise<number> {
  return countSites(scope, [{ column: "monitoring_station_id", value: stationId, op: "eq" }], opts);
}
