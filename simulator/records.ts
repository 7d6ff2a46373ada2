// The store's rows as the Partner API's create operations make them from a body. The demo seed and the control
// API's bulk seed build theirs here too, so a new column is filled in one place.
import { DEVICE_EDITABLE } from "../lib/chekt/contract-lists";
import type { Schemas } from "./handlers";
import type { Contact, Device, Site, Station } from "./store";

/** A body's fields as the store keeps them: an optional one the body leaves out is null. */
type Stored<B, K extends keyof B> = { [P in K]-?: undefined extends B[P] ? Exclude<B[P], undefined> | null : B[P] };

/** The body's `keys`, each one it leaves out stored as null (as the API stores it). */
export function fromBody<B extends object, K extends keyof B>(body: B, keys: readonly K[]): Stored<B, K> {
  const out: Partial<Record<K, unknown>> = {};
  for (const key of keys) out[key] = body[key] ?? null;
  return out as Stored<B, K>;
}

export function newStation(
  id: number,
  dealerId: number,
  body: Schemas["CreateMonitoringStationDto"],
  at: string,
): Station {
  const fields = fromBody(body, ["external_monitoring_station_id", "name", "prefix", "linecard"]);
  return { monitoring_station_id: id, dealer_id: dealerId, ...fields, created_at: at };
}

/** A new site is not activated, and its security type is 3 (CHeKT video security system). */
export function newSite(id: number, dealerId: number, body: Schemas["CreateSiteDto"], at: string): Site {
  const fields = fromBody(body, [
    "external_site_id",
    "name",
    "monitoring_station_id",
    "account_number",
    "address1",
    "address2",
    "timezone",
  ]);
  return {
    site_id: id,
    dealer_id: dealerId,
    ...fields,
    is_activated: 0,
    security_type: 3,
    arming_updated_at: at,
    created_at: at,
  };
}

export function newContact(id: number, siteId: number, body: Schemas["CreateContactDto"], at: string): Contact {
  const fields = fromBody(body, ["external_contact_id", "first_name", "last_name", "phone_number", "email"]);
  return { contact_id: id, site_id: siteId, ...fields, created_at: at };
}

/** A new device is online, on its type's current firmware. */
export function newDevice(
  id: number,
  siteId: number,
  body: Schemas["CreateDeviceDto"],
  registeredBy: string | null,
  at: string,
): Device {
  return {
    device_id: id,
    site_id: siteId,
    ...fromBody(body, ["external_device_id", ...DEVICE_EDITABLE]),
    registered_by_partner: registeredBy,
    status: "online",
    firmware: body.device_type === "bridge" ? "3.2.0" : "2.14.1",
    created_at: at,
    updated_at: at,
  };
}
