// Lists of names the CHeKT contract defines (lib/chekt/openapi.yaml), written once: the console reads them
// (the Settings scope check, the device paste columns) and the simulator serves them (the scopes an app may
// hold, what a device update may change). Pure data, no call to CHeKT.
import type { components } from "./schema";

/** The scopes a CHeKT App API key may hold (each operation's description in openapi.yaml names the one it asks). */
export const APP_SCOPES = [
  "devices:read",
  "devices:write",
  "events:read",
  "events:write",
  "snapshots:read",
  "alarms:write",
  "sites:read",
  "sites:write",
] as const;
export type AppScope = (typeof APP_SCOPES)[number];

/** UpdateDeviceDto's fields but the device's ids: what a device update may change. */
export const DEVICE_EDITABLE = [
  "device_type",
  "name",
  "zone_number",
  "additional_zone_numbers",
  "mac",
  "manufacturer",
  "model",
  "serial_number",
] as const satisfies readonly (keyof components["schemas"]["UpdateDeviceDto"])[];
