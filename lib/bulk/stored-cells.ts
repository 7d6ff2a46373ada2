// A failed bulk row's stored payload (bulk_items.payload) read back as the cells a retry validates
// again (lib/bulk/retry.ts). Unlike lib/jobs/device-payload.ts, which refuses a device that does not
// read, this keeps each field on its own: validation then names the very field that is wrong. Pure.
import { z } from "zod";
import { fromKeys } from "@/lib/keys-of";
import { DEVICE_FIELDS, type DeviceField } from "./fields";

// A field of another type, or a payload that is no object, reads as empty: validateRows
// (lib/bulk/validate.ts) then refuses it where the field is required.
const storedCells = z.object(fromKeys(DEVICE_FIELDS, () => z.string().optional().catch(undefined))).catch({});

/** The device fields of `payload` that hold text. */
export function readStoredCells(payload: unknown): Partial<Record<DeviceField, string>> {
  return storedCells.parse(payload);
}
