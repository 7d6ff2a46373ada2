// The webhook envelope and each event's payload (CONTRACT.md "Webhooks"), read tolerantly:
// IDs may come as numbers, numeric strings or prefixed strings (`site_42`), dates as ISO-8601 or
// "YYYY-MM-DD HH:MM:SS", and unknown fields are ignored. Pure: shared by the receiver and catch-up.
import { z } from "zod";

/** `42`, `"42"`, `"site_42"`, `"dev_42"` → 42. Anything else is not an integer id. */
export function intId(value: unknown): number | null {
  if (typeof value === "number" && Number.isSafeInteger(value)) return value;
  if (typeof value === "string") {
    const m = /^(?:[a-z]+_)?(\d{1,15})$/i.exec(value.trim());
    if (m) return Number(m[1]);
  }
  return null;
}

/** ISO-8601 or the list format "YYYY-MM-DD HH:MM:SS" (taken as UTC). */
export function parseDate(value: unknown): Date | null {
  if (value instanceof Date) return storable(value);
  if (typeof value === "number") return storable(new Date(value > 1e12 ? value : value * 1000));
  if (typeof value !== "string" || !value.trim()) return null;
  const v = value.trim();
  const spaced = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/.test(v) ? `${v.replace(" ", "T")}Z` : v;
  return storable(new Date(spaced));
}

/**
 * A date Postgres can store (no year 0, nothing past 9999): anything else is a malformed event (400), not a 500 CHeKT
 * would retry forever.
 */
function storable(d: Date): Date | null {
  const year = d.getUTCFullYear();
  return Number.isNaN(d.getTime()) || year < 1 || year > 9999 ? null : d;
}

const idLike = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const n = intId(v);
  if (n === null) {
    ctx.addIssue({ code: "custom", message: `not an id: ${String(v)}` });
    return z.NEVER;
  }
  return n;
});
const optIdLike = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((v) => (v == null ? null : intId(v)));
const str = z.union([z.string(), z.number()]).transform((v) => String(v));
const optStr = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((v) => (v == null ? null : String(v)));
const date = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const d = parseDate(v);
  if (!d) {
    ctx.addIssue({ code: "custom", message: `not a date: ${String(v)}` });
    return z.NEVER;
  }
  return d;
});
const optDate = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((v) => (v == null ? null : parseDate(v)));

export const envelopeSchema = z.object({
  id: z.string().min(1).max(200),
  type: z.string().min(1).max(100),
  created_at: date,
  data: z.record(z.string(), z.unknown()),
});
export type Envelope = z.infer<typeof envelopeSchema>;

export const payloadSchemas = {
  "alarm.created": z.object({
    alarm_id: str,
    site_id: optIdLike,
    device_id: optIdLike,
    priority: optStr,
    trigger: optStr,
    location: optStr,
    snapshot_url: optStr,
  }),
  "verification.requested": z.object({
    verification_id: z.string().min(1),
    alarm_id: optStr,
    site_id: idLike,
    device_id: optIdLike,
    zone_number: optStr,
    contact_id: optIdLike,
    description: optStr,
    event_code: optStr,
    occurred_at: date,
    expires_at: date,
  }),
  "alarm.acknowledged": z.object({ alarm_id: str, operator_id: optStr, reason: optStr }),
  "alarm.dispatched": z.object({
    alarm_id: str,
    responder_id: optStr,
    responder_type: optStr,
    eta_seconds: z.number().nullable().optional(),
    tracking_url: optStr,
  }),
  "alarm.resolved": z.object({ alarm_id: str, resolution: optStr, notes: optStr }),
  "snapshot.created": z.object({
    snapshot_id: str,
    alarm_id: optStr,
    site_id: optIdLike,
    device_id: optIdLike,
    url: z.string().min(1),
    captured_at: optDate,
  }),
  "device.online": z.object({ device_id: idLike, site_id: optIdLike, at: optDate }),
  "device.offline": z.object({ device_id: idLike, site_id: optIdLike, at: optDate }),
  "device.firmware_updated": z.object({ device_id: idLike, site_id: optIdLike, firmware: optStr, at: optDate }),
} as const;

export type EventType = keyof typeof payloadSchemas;
export const EVENT_TYPES = Object.keys(payloadSchemas) as EventType[];

export type ParsedEvent = {
  [K in EventType]: { id: string; type: K; createdAt: Date; data: z.infer<(typeof payloadSchemas)[K]> };
}[EventType];

export type ParseResult =
  | { ok: true; event: ParsedEvent }
  | { ok: false; kind: "unknown_type"; id: string; type: string; createdAt: Date }
  | { ok: false; kind: "invalid"; message: string; id?: string; type?: string };

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(payloadSchemas, type);
}

/** Envelope + payload; an unknown type is kept (and stored as ignored), not an error. */
export function parseEvent(json: unknown): ParseResult {
  const env = envelopeSchema.safeParse(json);
  if (!env.success) return { ok: false, kind: "invalid", message: describe(env.error) };
  const { id, type, created_at, data } = env.data;
  if (!isEventType(type)) return { ok: false, kind: "unknown_type", id, type, createdAt: created_at };
  const payload = payloadSchemas[type].safeParse(data);
  if (!payload.success) return { ok: false, kind: "invalid", message: `${type}: ${describe(payload.error)}`, id, type };
  return { ok: true, event: { id, type, createdAt: created_at, data: payload.data } as ParsedEvent };
}

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`).join("; ");
}
