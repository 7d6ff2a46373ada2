// The Partner API device calls, over whichever CHeKT client they are given (the app's `chekt`
// through device-client.ts, or one made with createChektClient in tests and benches). Tolerant of
// the draft API: IDs as numbers or strings, results with or without `req`. No server-only import:
// the benches and the bulk-kill fault worker run it under plain Node.
import type { DeviceInput } from "@/lib/bulk/validate";
import type { BudgetClass } from "@/lib/chekt/budget-class";
import type { ChektClient } from "@/lib/chekt/client";
import type { components } from "@/lib/chekt/schema";

type CreateDto = components["schemas"]["CreateDeviceDto"];
type UpdateDto = components["schemas"]["UpdateDeviceDto"];

// The document's ResponseDeviceDto, read tolerantly: a draft API may leave out anything but the IDs.
export type ChektDevice = Partial<Omit<components["schemas"]["ResponseDeviceDto"], "device_type" | "created_at" | "updated_at" | "status" | "firmware">> & {
  device_id: number;
  external_device_id: string;
  device_type?: string;
  created_at?: string | null;
  updated_at?: string | null;
};

export type ItemResult =
  | { ok: true; device?: ChektDevice }
  | { ok: false; statusCode: number; message: string };

/** `attempts` > 1: the client resent it (same key), so an earlier attempt may have applied. */
export type BulkAnswer = { results: ItemResult[]; traceId?: string; attempts: number };

export type UpdateInput = Partial<DeviceInput> & { device_id: number };

export type SendOpts = { idempotencyKey: string; traceId?: string; signal?: AbortSignal; budgetClass?: BudgetClass };

const DEVICES = "/partner/v1/dealers/{dealerId}/sites/{siteId}/devices" as const;
const BULK_DELETE = "/partner/v1/dealers/{dealerId}/sites/{siteId}/devices/bulk-delete" as const;
const LIST_PAGE = 100;

export function toDevice(raw: unknown): ChektDevice | undefined {
  if (!raw || typeof raw !== "object") return undefined;
  const r = raw as Record<string, unknown>;
  const id = Number(r.device_id ?? r.id);
  if (!Number.isFinite(id)) return undefined;
  return { ...(r as object), device_id: id, external_device_id: String(r.external_device_id ?? "") } as ChektDevice;
}

/** Per-item results in request order; a missing entry is reported as an error, not guessed. */
function readBulk(data: unknown, count: number): ItemResult[] {
  const raw = data && typeof data === "object" ? (data as { results?: unknown }).results : undefined;
  const list = Array.isArray(raw) ? raw : [];
  const out: ItemResult[] = [];
  for (let i = 0; i < count; i++) {
    const r = list[i] as Record<string, unknown> | undefined;
    if (!r) {
      out.push({ ok: false, statusCode: 502, message: "CHeKT answered without a result for this item" });
    } else if (r.is_successful === true || r.is_successful === 1) {
      out.push({ ok: true, device: toDevice(r.res) });
    } else {
      const msg = Array.isArray(r.error_message) ? r.error_message.join("; ") : String(r.error_message ?? r.message ?? "Rejected by CHeKT");
      out.push({ ok: false, statusCode: Number(r.status_code ?? 400) || 400, message: msg });
    }
  }
  return out;
}

export function deviceApi(client: ChektClient, timeoutMs?: number) {
  const path = (dealerId: number, siteId: number) => ({ path: { dealerId, siteId } });
  return {
    async create(dealerId: number, siteId: number, items: DeviceInput[], o: SendOpts): Promise<BulkAnswer> {
      const res = await client.post(DEVICES, { params: path(dealerId, siteId), body: items as CreateDto[] }, { ...o, timeoutMs });
      return { results: readBulk(res.data, items.length), traceId: res.traceId, attempts: res.attempts ?? 1 };
    },
    async update(dealerId: number, siteId: number, items: UpdateInput[], o: SendOpts): Promise<BulkAnswer> {
      const res = await client.put(DEVICES, { params: path(dealerId, siteId), body: items as UpdateDto[] }, { ...o, timeoutMs });
      return { results: readBulk(res.data, items.length), traceId: res.traceId, attempts: res.attempts ?? 1 };
    },
    async remove(dealerId: number, siteId: number, deviceIds: number[], o: SendOpts): Promise<BulkAnswer> {
      const res = await client.post(BULK_DELETE, { params: path(dealerId, siteId), body: { deviceIds } }, { ...o, timeoutMs });
      return { results: readBulk(res.data, deviceIds.length), traceId: res.traceId, attempts: res.attempts ?? 1 };
    },
    /** Every device of a site, page by page (the list endpoint caps a page). */
    async list(dealerId: number, siteId: number, o: { traceId?: string; signal?: AbortSignal; budgetClass?: BudgetClass } = {}): Promise<ChektDevice[]> {
      const all: ChektDevice[] = [];
      for (let offset = 0; ; offset += LIST_PAGE) {
        const res = await client.get(
          DEVICES,
          { params: { ...path(dealerId, siteId), query: { limit: LIST_PAGE, offset, sort: "device_id" } } },
          { traceId: o.traceId, signal: o.signal, budgetClass: o.budgetClass, timeoutMs },
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
    async get(dealerId: number, siteId: number, deviceId: number, o: { traceId?: string; budgetClass?: BudgetClass } = {}): Promise<ChektDevice | undefined> {
      const res = await client.get("/partner/v1/dealers/{dealerId}/sites/{siteId}/devices/{deviceId}", { params: { path: { dealerId, siteId, deviceId } } }, { ...o, timeoutMs });
      return toDevice(res.data);
    },
  };
}
export type DeviceApi = ReturnType<typeof deviceApi>;
