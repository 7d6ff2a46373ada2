// The columns a pasted device row can fill: the Partner API's CreateDeviceDto (lib/chekt/openapi.yaml).
// Client-safe: the paste page runs this in the browser.
import { DEVICE_EDITABLE } from "@/lib/chekt/contract-lists";
import { headerLookup } from "./columns";
import { yourIdLabel } from "@/lib/external-id";

export const DEVICE_FIELDS = ["external_device_id", ...DEVICE_EDITABLE] as const;
export type DeviceField = (typeof DEVICE_FIELDS)[number];

export const DEVICE_TYPES = ["camera", "bridge"] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

/** Required on create; on update only the key (external_device_id) is. */
export const REQUIRED_ON_CREATE: readonly DeviceField[] = ["external_device_id", "device_type", "name"];

export const FIELD_LABELS: Record<DeviceField, string> = {
  external_device_id: yourIdLabel("device"),
  device_type: "Type",
  name: "Name",
  zone_number: "Zone",
  additional_zone_numbers: "Additional zones",
  mac: "MAC",
  manufacturer: "Manufacturer",
  model: "Model",
  serial_number: "Serial number",
};

// Header names seen in spreadsheets and NVR exports, compared after normalizeHeader().
const SYNONYMS: Record<DeviceField, string[]> = {
  external_device_id: [
    "device id yours",
    "external device id",
    "external id",
    "ext id",
    "device id",
    "external",
    "id",
    "device external id",
    "our id",
    "reference",
    "ref",
    "asset id",
    "asset tag",
    "tag",
  ],
  device_type: ["device type", "type", "kind", "category", "device kind"],
  name: ["name", "device name", "camera name", "label", "description", "title", "camera"],
  zone_number: ["zone number", "zone", "zone no", "zone num", "zone #", "zone nr", "input", "channel", "ch"],
  additional_zone_numbers: [
    "additional zone numbers",
    "additional zones",
    "additional zone",
    "extra zones",
    "other zones",
    "more zones",
    "zones",
    "secondary zones",
  ],
  mac: ["mac", "mac address", "mac addr", "macaddress", "hardware address", "ethernet address", "hw address"],
  manufacturer: ["manufacturer", "make", "vendor", "brand", "maker", "mfr", "mfg"],
  model: ["model", "model number", "model no", "model name", "product", "sku"],
  serial_number: ["serial number", "serial", "serial no", "sn", "s n", "serial num", "serial #", "s no"],
};

export { normalizeHeader } from "./columns";

/** The field a header names, or null when it names none we know. */
export const fieldForHeader = headerLookup(SYNONYMS);
