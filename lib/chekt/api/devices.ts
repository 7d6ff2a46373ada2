// The Partner API device calls, over whichever CHeKT client they are given (the app's `chekt`
// through device-client.ts, or one made with createChektClient in tests and benches). Tolerant of
// the draft API: IDs as numbers or strings, results with or without `req`. No server-only import:
// the benches and the bulk-kill fault worker run it under plain Node.
import type { DeviceInput } from "@/lib/bulk/validate";
import type { BudgetClass } from "@/lib/chekt/budget-class";
import type { CallOptions, ChektClient } from "@/lib/chekt/client";
import type { components } from "@/lib/chekt/schema";
import { z } from "zod";

type CreateDto = components["schemas"]["CreateDeviceDto"];

// The document's ResponseDeviceDto, read tolerantly: a draft API may leave out anything but the IDs.
export type ChektDevice = Partial<
  Omit<components["schemas"]["ResponseDeviceDto"], "device_type" | "created_at" | "updated_at" | "status" | "firmware">
> & {
  device_id: number;
  external_device_id: string;
  device_type?: string;
  created_at?: string | null;
  updated_at?: string | null;
};

export type ItemResult = { ok: true; device?: ChektDevice } | { ok: false; statusCode: number; message: string };

/** `attempts` > 1: the client resent it (same key), so an earlier attempt may have applied. */
export type BulkAnswer = { results: ItemResult[]; traceId?: string; attempts: number };

export type UpdateInput = Partial<DeviceInput> & { device_id: number };

export type SendOpts = { idempotencyKey: string; traceId?: string; signal?: AbortSignal; budgetClass?: BudgetClass };
/** What a read passes on (CallOptions): onSend tells a mirror read when its request went out (lib/mirror/pull.ts). */
type ReadOpts = Pick<CallOptions, "traceId" | "signal" | "budgetClass" | "onSend">;

const DEVICES = "/partner/v1/dealers/{dealerId}/sites/{siteId}/devices" as const;
const BULK_DELETE = "/partner/v1/dealers/{dealerId}/sites/{siteId}/devices/bulk-delete" as const;
const LIST_PAGE = 100;

// The tolerant reader widens nothing here: bulk results and device rows may come from a draft
// API (IDs as strings, `id` instead of `device_id`, odd fields), so they are narrowed by schema.
// A field of the wrong type is dropped (`catch`), never the whole device.
const optText = z.string().nullish().catch(undefined);
const deviceSchema = z.looseObject({
  device_id: z.coerce.number().optional().catch(undefined),
  id: z.coerce.number().optional().catch(undefined),
  external_device_id: z.union([z.string(), z.number().transform(String)]).catch(""),
  site_id: z.coerce.number().optional().catch(undefined),
  device_type: z.string().optional().catch(undefined),
  name: z.string().optional().catch(undefined),
  zone_number: optText,
  additional_zone_numbers: optText,
  mac: optText,
  manufacturer: optText,
  model: optText,
  serial_number: optText,
  registered_by_partner: optText,
  created_at: optText,
  updated_at: optText,
});

export function toDevice(raw: unknown): ChektDevice | undefined {
  const parsed = deviceSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const { id, ...rest } = parsed.data;
  const deviceId = rest.device_id ?? id;
  if (deviceId === undefined || !Number.isFinite(deviceId)) return undefined;
  return { ...rest, device_id: deviceId };
}

const bulkItemSchema = z.looseObject({
  is_successful: z.union([z.boolean(), z.number()]).optional().catch(undefined),
  status_code: z.coerce.number().optional().catch(undefined),
  error_message: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .catch(undefined),
  message: z.string().optional().catch(undefined),
  res: z.unknown().optional(),
});
const bulkAnswerSchema = z.object({ results: z.array(z.unknown()).catch([]) }).catch({ results: [] });

/** Per-item results in request order; a missing entry is reported as an error, not guessed. */
function readBulk(data: unknown, count: number): ItemResult[] {
  const list = bulkAnswerSchema.parse(data).results;
  const out: ItemResult[] = [];
  for (let i = 0; i < count; i++) {
    const parsed = bulkItemSchema.safeParse(list[i]);
    if (!parsed.success) {
      out.push({ ok: false, statusCode: 502, message: "CHeKT answered without a result for this item" });
      continue;
    }
    const r = parsed.data;
    if (r.is_successful === true || r.is_successful === 1) {
      out.push({ ok: true, device: toDevice(r.res) });
    } else {
      const msg = Array.isArray(r.error_message)
        ? r.error_message.join("; ")
        : (r.error_message ?? r.message ?? "Rejected by CHeKT");
      out.push({ ok: false, statusCode: r.status_code || 400, message: msg });
    }
  }
  return out;
}

/** A validated create row as CHeKT's CreateDeviceDto; null when the type or name is missing. */
function toCreateDto(d: DeviceInput): CreateDto | null {
  const { device_type, name } = d;
  if (device_type === undefined || name === undefined) return null;
  return { ...d, device_type, name };
}

export function deviceApi(client: ChektClient, timeoutMs?: number) {
  const path = (dealerId: number, siteId: number) => ({ path: { dealerId, siteId } });
  return {
    async create(dealerId: number, siteId: number, items: DeviceInput[], o: SendOpts): Promise<BulkAnswer> {
      // lib/bulk/validate.ts requires both in create mode; a row without them is refused here
      // (never sent) rather than sent with a made-up value.
      const bodies = items.map(toCreateDto);
      const sendable = bodies.filter((b): b is CreateDto => b !== null);
      const res =
        sendable.length > 0
          ? await client.post(DEVICES, { params: path(dealerId, siteId), body: sendable }, { ...o, timeoutMs })
          : null;
      const sent = res ? readBulk(res.data, sendable.length) : [];
      let next = 0;
      const results = bodies.map((b): ItemResult =>
        b === null
          ? { ok: false, statusCode: 400, message: "Type and name are required to create a device" }
          : sent[next++],
      );
      return { results, traceId: res?.traceId, attempts: res?.attempts ?? 1 };
    },
    async update(dealerId: number, siteId: number, items: UpdateInput[], o: SendOpts): Promise<BulkAnswer> {
      const res = await client.put(DEVICES, { params: path(dealerId, siteId), body: items }, { ...o, timeoutMs });
      return { results: readBulk(res.data, items.length), traceId: res.traceId, attempts: res.attempts ?? 1 };
    },
    async remove(dealerId: number, siteId: number, deviceIds: number[], o: SendOpts): Promise<BulkAnswer> {
      const res = await client.post(
        BULK_DELETE,
        { params: path(dealerId, siteId), body: { deviceIds } },
        { ...o, timeoutMs },
      );
      return { results: readBulk(res.data, deviceIds.length), traceId: res.traceId, attempts: res.attempts ?? 1 };
    },
    /** Every device of a site, page by page (the list endpoint caps a page). */
    async list(dealerId: number, siteId: number, o: ReadOpts = {}): Promise<ChektDevice[]> {
      const all: ChektDevice[] = [];
      for (let offset = 0; ; offset += LIST_PAGE) {
        const res = await client.get(
          DEVICES,
          { params: { ...path(dealerId, siteId), query: { limit: LIST_PAGE, offset, sort: "device_id" } } },
          { traceId: o.traceId, signal: o.signal, budgetClass: o.budgetClass, onSend: o.onSend, timeoutMs },
        );
        const page = Array.isArray(res.data) ? res.data : [];
        for (const d of page) {
          const dev = toDevice(d);
          if (dev) all.push(dev);
        }
        if (page.length < LIST_PAGE) return all;
      }
    },
    /** One device as CHeKT has it now (404 → ChektError of kind not_found). */
    async get(dealerId: number, siteId: number, deviceId: number, o: ReadOpts = {}): Promise<ChektDevice | undefined> {
      const res = await client.get(
        "/partner/v1/dealers/{dealerId}/sites/{siteId}/devices/{deviceId}",
        { params: { path: { dealerId, siteId, deviceId } } },
        { ...o, timeoutMs },
      );
      return toDevice(res.data);
    },
  };
}
export type DeviceApi = ReturnType<typeof deviceApi>;
