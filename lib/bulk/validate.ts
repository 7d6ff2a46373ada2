// Per-row validation of pasted devices, the same code in the browser (before anything is sent)
// and on the server (the action re-checks; the browser is never trusted).
import {
  DEVICE_FIELDS,
  DEVICE_TYPES,
  FIELD_LABELS,
  REQUIRED_ON_CREATE,
  type DeviceField,
  type DeviceType,
} from "./fields";
import { normalizeMac } from "./mac";

export type BulkMode = "create" | "update";

/** The ID column's name as the device forms have it, in the messages about it too. */
const DEVICE_ID = FIELD_LABELS.external_device_id;

/** A CreateDeviceDto as we send it: trimmed, MAC canonical, empty optional fields left out. */
export type DeviceInput = {
  external_device_id: string;
  device_type?: DeviceType;
  name?: string;
  zone_number?: string;
  additional_zone_numbers?: string;
  mac?: string;
  manufacturer?: string;
  model?: string;
  serial_number?: string;
};

export type FieldErrors = Partial<Record<DeviceField, string>>;

export type ValidatedRow = {
  line: number;
  /** The cells as the user sees and edits them. */
  values: Partial<Record<DeviceField, string>>;
  errors: FieldErrors;
  /** The normalised device when the row has no error. */
  device: DeviceInput | null;
};

/** maxLength of each CreateDeviceDto field in lib/chekt/openapi.yaml. */
export const MAX_LENGTH: Record<DeviceField, number> = {
  external_device_id: 128,
  device_type: 16,
  name: 200,
  zone_number: 16,
  additional_zone_numbers: 200,
  mac: 32,
  manufacturer: 100,
  model: 100,
  serial_number: 100,
};
const ZONE = /^\d{1,16}$/;

/** "2, 3 ,004" → "2,3,004"; null when any part is not a zone number. */
export function normalizeZoneList(input: string): string | null {
  const parts = input
    .split(/[,;]/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
  if (parts.length === 0 || !parts.every((p) => ZONE.test(p))) return null;
  return parts.join(",");
}

/** Checks one row on its own (no duplicate checks). */
export function validateDevice(
  values: Partial<Record<DeviceField, string>>,
  mode: BulkMode,
): { errors: FieldErrors; device: DeviceInput | null } {
  const errors: FieldErrors = {};
  const device: Record<string, string> = {};
  for (const field of DEVICE_FIELDS) {
    const raw = values[field];
    const v = typeof raw === "string" ? raw.trim() : "";
    const required = field === "external_device_id" || (mode === "create" && REQUIRED_ON_CREATE.includes(field));
    if (v === "") {
      if (required) errors[field] = `${FIELD_LABELS[field]} is required`;
      continue;
    }
    if (v.length > MAX_LENGTH[field]) {
      errors[field] = `${FIELD_LABELS[field]} is longer than ${MAX_LENGTH[field]} characters`;
      continue;
    }
    if (/[\u0000-\u001f\u007f]/.test(v)) {
      errors[field] = `${FIELD_LABELS[field]} contains a line break or control character`;
      continue;
    }
    switch (field) {
      case "device_type": {
        const t = v.toLowerCase();
        if (!(DEVICE_TYPES as readonly string[]).includes(t))
          errors[field] = `Type must be camera or bridge, not "${v}"`;
        else device[field] = t;
        break;
      }
      case "zone_number":
        if (!ZONE.test(v)) errors[field] = `Zone must be a number (digits only), not "${v}"`;
        else device[field] = v;
        break;
      case "additional_zone_numbers": {
        const z = normalizeZoneList(v);
        if (z === null) errors[field] = `Additional zones must be numbers separated by commas, not "${v}"`;
        else device[field] = z;
        break;
      }
      case "mac": {
        const m = normalizeMac(v);
        if (m === null) errors[field] = `MAC must be 12 hex digits (AA:BB:CC:DD:EE:FF), not "${v}"`;
        else device[field] = m;
        break;
      }
      default:
        device[field] = v;
    }
  }
  const ok = Object.keys(errors).length === 0;
  return { errors, device: ok ? (device as DeviceInput) : null };
}

/** Where an external ID is in use: the device holding it (its name or number; null when not known) and its site. */
export type IdHolder = { device: string | null; site: string };

/** The one message for an ID another device holds, before a job (the review, the actions) and after (a 409 row). */
export function inUseMessage(externalId: string, h: IdHolder): string {
  const by = h.device ? ` by ${h.device}` : "";
  return `${DEVICE_ID} "${externalId}" is already used${by} at ${h.site}. Choose another ID.`;
}

/** What is wrong with an external ID on its own, by the paste's rule (validateDevice's); undefined when nothing. */
export function externalIdProblem(id: string): string | undefined {
  return validateDevice({ external_device_id: id }, "update").errors.external_device_id;
}

/**
 * The rows' external IDs validateRows would look up in usedElsewhere, each once: well formed and not
 * on this site (whose own devices are checked first). What the paste review asks the server about.
 */
export function idsToCheckElsewhere(
  rows: readonly { values: Partial<Record<DeviceField, string>> }[],
  existingExternalIds: ReadonlySet<string>,
): string[] {
  const ids = new Set<string>();
  for (const r of rows) {
    const id = (r.values.external_device_id ?? "").trim();
    if (id && !existingExternalIds.has(id) && !externalIdProblem(id)) ids.add(id);
  }
  return [...ids];
}

export type ValidateOptions = {
  mode: BulkMode;
  /** External IDs on this site's devices. */
  existingExternalIds: ReadonlySet<string> | readonly string[];
  /**
   * External IDs on the dealer's other sites, and where: CHeKT keeps them unique per dealer, across
   * sites, so creating one is a 409 and updating by one finds no device here.
   */
  usedElsewhere?: ReadonlyMap<string, IdHolder>;
};

/**
 * Validates every row; duplicates are reported on every row after the first with the same ID.
 * On create, an ID the site or another site already has is an error; on update, an ID the site lacks is one.
 */
export function validateRows(
  rows: readonly { line: number; values: Partial<Record<DeviceField, string>> }[],
  opts: ValidateOptions,
): ValidatedRow[] {
  const existing =
    opts.existingExternalIds instanceof Set
      ? opts.existingExternalIds
      : new Set(opts.existingExternalIds as readonly string[]);
  const firstLine = new Map<string, number>();
  return rows.map(({ line, values }) => {
    const { errors, device } = validateDevice(values, opts.mode);
    const id = (values.external_device_id ?? "").trim();
    if (id && !errors.external_device_id) {
      const first = firstLine.get(id);
      if (first !== undefined) errors.external_device_id = `${DEVICE_ID} "${id}" is also on sheet line ${first}`;
      else {
        firstLine.set(id, line);
        const elsewhere = existing.has(id) ? undefined : opts.usedElsewhere?.get(id);
        if (opts.mode === "create" && existing.has(id)) errors.external_device_id = `A device "${id}" already exists`;
        else if (opts.mode === "create" && elsewhere) errors.external_device_id = inUseMessage(id, elsewhere);
        else if (opts.mode === "update" && elsewhere)
          errors.external_device_id = `${DEVICE_ID} "${id}" is on a device at ${elsewhere.site}, not at this site`;
        else if (opts.mode === "update" && !existing.has(id))
          errors.external_device_id = `The site has no device "${id}"`;
      }
    }
    const ok = Object.keys(errors).length === 0;
    return { line, values, errors, device: ok ? device : null };
  });
}

export function countInvalid(rows: readonly ValidatedRow[]): number {
  let n = 0;
  for (const r of rows) if (!r.device) n++;
  return n;
}
