import "server-only";
import { getContact } from "@/lib/chekt/api/contacts";
import { getDealer } from "@/lib/chekt/api/dealers";
import { appDeviceApi } from "@/lib/chekt/api/device-client";
import { getSite } from "@/lib/chekt/api/sites";
import { getStation } from "@/lib/chekt/api/stations";
import { isChektError } from "@/lib/chekt/errors";
import { contactLabel, siteLabel } from "@/lib/site-label";
import { chektObject, type ChektObject, type DriftKind } from "./compare";

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
        return chektObject(kind, data.dealer_id, data.external_dealer_id, null, data.company_name ?? "");
      }
      case "site": {
        const data = await getSite({ dealerId }, chektId, opts);
        return chektObject(kind, data.site_id, data.external_site_id, null, siteLabel(data.site_id, data.name));
      }
      case "monitoring_station": {
        const data = await getStation({ dealerId }, chektId, opts);
        return chektObject(kind, data.monitoring_station_id, data.external_monitoring_station_id, null, data.name);
      }
      case "contact": {
        const siteId = needParent();
        const data = await getContact({ dealerId }, siteId, chektId, opts);
        const name = contactLabel(data.contact_id, data.first_name, data.last_name);
        return chektObject(kind, data.contact_id, data.external_contact_id, siteId, name);
      }
      case "device": {
        const siteId = needParent();
        const data = await appDeviceApi().get(dealerId, siteId, chektId, opts);
        if (!data) return null;
        return chektObject(kind, data.device_id, data.external_device_id, siteId, data.name ?? "");
      }
    }
  } catch (error) {
    if (isChektError(error) && error.kind === "not_found") return null;
    throw error;
  }
}
