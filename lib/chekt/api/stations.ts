import "server-only";
import { listQueryParams } from "@/lib/chekt/list-query";
import type {
  CreateMonitoringStationDto,
  ResponseMonitoringStationDto,
  UpdateMonitoringStationDto,
} from "@/lib/schemas/contract";
import { chekt, totalCount, type CallOpts, type DealerRef } from "./call";
import { countSites } from "./sites";

/** Every station of the dealer, by name (dealers have a handful, so one page of up to 500). */
export async function listStations(scope: DealerRef, opts: CallOpts = {}): Promise<ResponseMonitoringStationDto[]> {
  const { data } = await chekt.request(
    "GET",
    "/partner/v1/dealers/{dealerId}/monitoring-stations",
    {
      params: {
        path: { dealerId: scope.dealerId },
        query: listQueryParams({ sort: "name", dir: "asc", limit: 500, offset: 0 }),
      },
    },
    opts,
  );
  return data ?? [];
}

export async function getStation(
  scope: DealerRef,
  stationId: number,
  opts: CallOpts = {},
): Promise<ResponseMonitoringStationDto> {
  const { data } = await chekt.request(
    "GET",
    "/partner/v1/dealers/{dealerId}/monitoring-stations/{monitoringStationId}",
    { params: { path: { dealerId: scope.dealerId, monitoringStationId: stationId } } },
    opts,
  );
  return data;
}

export async function createStation(
  scope: DealerRef,
  body: CreateMonitoringStationDto,
  opts: CallOpts = {},
): Promise<ResponseMonitoringStationDto> {
  const { data } = await chekt.request(
    "POST",
    "/partner/v1/dealers/{dealerId}/monitoring-stations",
    { params: { path: { dealerId: scope.dealerId } }, body },
    opts,
  );
  return data;
}

export async function updateStation(
  scope: DealerRef,
  stationId: number,
  body: UpdateMonitoringStationDto,
  opts: CallOpts = {},
): Promise<ResponseMonitoringStationDto> {
  const { data } = await chekt.request(
    "PUT",
    "/partner/v1/dealers/{dealerId}/monitoring-stations/{monitoringStationId}",
    { params: { path: { dealerId: scope.dealerId, monitoringStationId: stationId } }, body },
    opts,
  );
  return data;
}

export async function deleteStation(scope: DealerRef, stationId: number, opts: CallOpts = {}): Promise<void> {
  await chekt.request(
    "DELETE",
    "/partner/v1/dealers/{dealerId}/monitoring-stations/{monitoringStationId}",
    { params: { path: { dealerId: scope.dealerId, monitoringStationId: stationId } } },
    opts,
  );
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
  const { data, response } = await chekt.request(
    "GET",
    "/partner/v1/dealers/{dealerId}/monitoring-stations",
    {
      params: {
        path: { dealerId: scope.dealerId },
        query: listQueryParams({ sort: "monitoring_station_id", dir: "asc", ...page }),
      },
    },
    opts,
  );
  const rows = data ?? [];
  return { rows, total: totalCount(response, rows.length) };
}

/** How many stations the dealer has (X-Total-Count of a one-row page). */
export async function countStations(scope: DealerRef, opts: CallOpts = {}): Promise<number> {
  return (await listStationsPage(scope, { limit: 1, offset: 0 }, opts)).total;
}
