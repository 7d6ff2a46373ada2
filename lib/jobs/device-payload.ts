// A bulk item's stored device (bulk_items.payload, written by lib/bulk/jobs.ts) read back with zod
// before it is sent, as lib/mirror/dto.ts reads the mirror's DTOs: a row an older version wrote, or
// one edited by hand, fails its own item with a message instead of going to CHeKT as whatever it holds.
import { z } from "zod";
import { DEVICE_TYPES } from "@/lib/bulk/fields";
import { deviceValuesSchema } from "@/lib/bulk/schemas";
import type { DeviceInput } from "@/lib/bulk/validate";
import { assertSameKeys } from "@/lib/schemas/fields";

// The paste's cells (lib/bulk/schemas.ts), with what validation guaranteed before the job was stored.
const deviceInputSchema = deviceValuesSchema.extend({
  external_device_id: z.string().min(1),
  device_type: z.enum(DEVICE_TYPES).optional(),
}) satisfies z.ZodType<DeviceInput>;
assertSameKeys<z.infer<typeof deviceInputSchema>, DeviceInput>(true);

export type StoredDevice = { ok: true; device: DeviceInput } | { ok: false; message: string };

/** The device a create or update item stores; `message` says what is wrong with one that does not read. */
export function readStoredDevice(payload: unknown): StoredDevice {
  const parsed = deviceInputSchema.safeParse(payload);
  if (parsed.success) return { ok: true, device: parsed.data };
  const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "payload"}: ${i.message}`).join("; ");
  return { ok: false, message: `The stored device could not be read (${problems}); nothing was sent.` };
}
