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

/**
 * The longest email CHeKT takes: the maxLength of every `format: email` field of openapi.yaml (the generated
 * types carry no lengths; tests/unit/contract-field-rules.test.ts holds each field to this one).
 */
export const EMAIL_MAX_LENGTH = 200;

/**
 * A CHeKT App API key: chekt_live_ or chekt_test_, 32 characters or more in all (openapi.yaml, the apiKey
 * scheme). The contract fixes only the prefix and the length; after the prefix a token's characters
 * (letters, digits, _ and -; the Apps guide's example has letters and digits) are taken, so a key CHeKT
 * issues is never refused on a guess, while a pasted space, quote or line break is. The Settings form and
 * the simulator both check keys with it.
 */
export const API_KEY_PATTERN = /^chekt_(live|test)_[A-Za-z0-9_-]{21,}$/;
