// zod input of the device actions; client-safe so the paste page can share the shapes.
import { z } from "zod";
import { countText } from "@/lib/count-text";
import { chektId, chektIdNumber } from "@/lib/schemas/fields";
import { externalIdProblem, validateDevice } from "./validate";

const cell = z.string().max(1000).optional();

export const deviceValuesSchema = z.object({
  external_device_id: cell,
  device_type: cell,
  name: cell,
  zone_number: cell,
  additional_zone_numbers: cell,
  mac: cell,
  manufacturer: cell,
  model: cell,
  serial_number: cell,
});

export const MAX_ROWS_PER_JOB = 5000;

const siteId = chektId("Site");
const rows = z
  .array(z.object({ line: z.number().int().min(0), values: deviceValuesSchema }))
  .min(1, "Paste at least one device")
  .max(MAX_ROWS_PER_JOB, `At most ${MAX_ROWS_PER_JOB} rows per job; split the list`);

export const createDevicesInput = z.object({ siteId, rows, skipInvalid: z.boolean().default(false) });
export const updateDevicesInput = z.object({
  siteId,
  rows,
  skipInvalid: z.boolean().default(false),
  /** False for the grid's in-place edit: its one row has no sheet line to show on the job page. */
  fromSheet: z.boolean().default(true),
});
export const deleteDevicesInput = z.object({
  siteId,
  deviceIds: z.array(chektIdNumber()).min(1, "Select at least one device").max(MAX_ROWS_PER_JOB),
});
export const retryItemsInput = z.object({
  jobId: z.string().min(1).max(64),
  /** Failed items to send again, each with its fixed values (create/update) or none (delete). */
  items: z
    .array(z.object({ itemId: z.string().min(1).max(64), values: deviceValuesSchema.optional() }))
    .min(1, "Choose at least one failed row")
    .max(MAX_ROWS_PER_JOB),
});

/**
 * The paste review's question (devicesHeldElsewhere): which of these IDs the dealer's other sites hold.
 * Each ID by the paste's own rule (externalIdProblem: 1–128 characters, no control character), checked
 * over the list so the refusal names the ID in the list's field (an element's own would be dropped).
 */
export const heldElsewhereInput = z.object({
  siteId,
  externalIds: z
    .array(z.string().trim())
    .min(1, "Give at least one device ID (yours) to check")
    .max(
      MAX_ROWS_PER_JOB,
      `At most ${countText(MAX_ROWS_PER_JOB)} device IDs (yours) can be checked at once (a job's rows); split the list`,
    )
    .superRefine((ids, ctx) => {
      for (const id of ids) {
        const problem = externalIdProblem(id);
        if (!problem) continue;
        ctx.addIssue({ code: "custom", message: `${problem}: "${id.length > 24 ? `${id.slice(0, 24)}…` : id}"` });
        return;
      }
    }),
});

/** The add-device form: one device's cells, validated by lib/bulk/validate.ts like a pasted row. */
export const addDeviceInput = deviceValuesSchema.extend({ siteId });

/**
 * The add-device form's check before sending: the paste's own rules (validateDevice, create mode),
 * as a zod schema so the form helper can run it. The action checks again, with the site's devices.
 */
export const addDeviceFormSchema = deviceValuesSchema.superRefine((values, ctx) => {
  const { errors } = validateDevice(values, "create");
  for (const [field, message] of Object.entries(errors)) ctx.addIssue({ code: "custom", path: [field], message });
});
