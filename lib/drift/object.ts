import "server-only";
import { chekt } from "@/lib/chekt";
import { isChektError } from "@/lib/chekt/errors";
import type { ChektObject, DriftKind } from "./compare";

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

/**
 * Reads one object from CHeKT so a re-link uses what CHeKT says now, not what a page showed a
 * minute ago. Null when CHeKT no longer has it (404).
 */
export async function fetchChektObject(kind: DriftKind, dealerId: number, chektId: number, parentChektId: number | null, traceId: string): Promise<ChektObject | null> {
  const opts = { traceId };
  const needParent = () => {
    if (parentChektId === null) throw new Error(`a ${kind} needs its site id`);
    return parentChektId;
  };
  try {
    switch (kind) {
      case "dealer": {
        const { data } = await chekt.get("/partner/v1/dealers/{dealerId}", { params: { path: { dealerId } } }, opts);
        return { kind, chektId: String(data.dealer_id), externalId: str(data.external_dealer_id), parentChektId: null, name: data.company_name ?? "" };
      }
      case "site": {
        const { data } = await chekt.get("/partner/v1/dealers/{dealerId}/sites/{siteId}", { params: { path: { dealerId, siteId: chektId } } }, opts);
        return { kind, chektId: String(data.site_id), externalId: str(data.external_site_id), parentChektId: null, name: data.name };
      }
      case "monitoring_station": {
        const { data } = await chekt.get("/partner/v1/dealers/{dealerId}/monitoring-stations/{monitoringStationId}", { params: { path: { dealerId, monitoringStationId: chektId } } }, opts);
        return { kind, chektId: String(data.monitoring_station_id), externalId: str(data.external_monitoring_station_id), parentChektId: null, name: data.name };
      }
      case "contact": {
        const siteId = needParent();
        const { data } = await chekt.get("/partner/v1/dealers/{dealerId}/sites/{siteId}/contacts/{contactId}", { params: { path: { dealerId, siteId, contactId: chektId } } }, opts);
        return { kind, chektId: String(data.contact_id), externalId: str(data.external_contact_id), parentChektId: String(siteId), name: `${data.first_name} ${data.last_name}`.trim() };
      }
      case "device": {
        const siteId = needParent();
        const { data } = await chekt.get("/partner/v1/dealers/{dealerId}/sites/{siteId}/devices/{deviceId}", { params: { path: { dealerId, siteId, deviceId: chektId } } }, opts);
        return { kind, chektId: String(data.device_id), externalId: str(data.external_device_id), parentChektId: String(siteId), name: data.name ?? "" };
      }
    }
  } catch (error) {
    if (isChektError(error) && error.kind === "not_found") return null;
    throw error;
  }
}
