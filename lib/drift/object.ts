import "server-only";
import { getContact } from "@/lib/chekt/api/contacts";
import { getDealer } from "@/lib/chekt/api/dealers";
import { appDeviceApi } from "@/lib/chekt/api/device-client";
import { getSite } from "@/lib/chekt/api/sites";
import { getStation } from "@/lib/chekt/api/stations";
import { isChektError } from "@/lib/chekt/errors";
import type { ChektObject, DriftKind } from "./compare";

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

/**
 * Reads one object from CHeKT so a re-link uses what CHeKT says now, not what a page showed a
 * minute ago. Null when CHeKT no longer has it (404).
 */
export async function fetchChektObject(
  kind: DriftKind,
  dealerId: number,
  chektId: number,
  parentChektId: number | null,
  traceId: string,
): Promise<ChektObject | null> {
  const opts = { traceId };
  const needParent = () => {
    if (parentChektId === null) throw new Error(`a ${kind} needs its site id`);
    return parentChektId;
  };
  try {
    switch (kind) {
      case "dealer": {
        const data = await getDealer({ dealerId }, opts);
        return {
          kind,
          chektId: String(data.dealer_id),
          externalId: str(data.external_dealer_id),
          parentChektId: null,
          name: data.company_name ?? "",
        };
      }
      case "site": {
        const data = await getSite({ dealerId }, chektId, opts);
        return {
          kind,
          chektId: String(data.site_id),
          externalId: str(data.external_site_id),
          parentChektId: null,
          name: data.name,
        };
      }
      case "monitoring_station": {
        const data = await getStation({ dealerId }, chektId, opts);
        return {
          kind,
          chektId: String(data.monitoring_station_id),
          externalId: str(data.external_monitoring_station_id),
          parentChektId: null,
          name: data.name,
        };
      }
      case "contact": {
        const siteId = needParent();
        const data = await getContact({ dealerId }, siteId, chektId, opts);
        return {
          kind,
          chektId: String(data.contact_id),
          externalId: str(data.external_contact_id),
          parentChektId: String(siteId),
          name: `${data.first_name} ${data.last_name}`.trim(),
        };
      }
      case "device": {
        const siteId = needParent();
        const data = await appDeviceApi().get(dealerId, siteId, chektId, opts);
        if (!data) return null;
        return {
          kind,
          chektId: String(data.device_id),
          externalId: str(data.external_device_id),
          parentChektId: String(siteId),
          name: data.name ?? "",
        };
      }
    }
  } catch (error) {
    if (isChektError(error) && error.kind === "not_found") return null;
    throw error;
  }
}
