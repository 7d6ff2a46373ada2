// The webhook envelope and each event's payload (`webhooks` in lib/chekt/openapi.yaml), read tolerantly:
// IDs may come as numbers, numeric strings or prefixed strings (`site_42`), dates as toDate reads them,
// and unknown fields are ignored. Pure: shared by the receiver and catch-up.
import { z } from "zod";
import { toDate } from "@/lib/chekt/normalize";
import { keysOf } from "@/lib/keys-of";
import { isChektId, MAX_CHEKT_ID } from "@/lib/schemas/fields";
import { VERIFICATION_ID_MAX, verificationIdSchema } from "@/lib/verifications/schemas";

/**
 * `42`, `"42"`, `"site_42"`, `"dev_42"` → 42. Anything else, and a number outside the app's one bound for a CHeKT id
 * (isChektId: the ingest casts ids to Postgres integer), is not an id.
 */
export function intId(value: unknown): number | null {
  let n = typeof value === "number" ? value : NaN;
  if (typeof value === "string") {
    const m = /^(?:[a-z]+_)?(\d+)$/i.exec(value.trim());
    if (m) n = Number(m[1]);
  }
  return isChektId(n) ? n : null;
}

/**
 * A date as the app's one reader reads CHeKT's dates (toDate: ISO-8601 or "YYYY-MM-DD HH:MM:SS", a time
 * without a zone in UTC, unix seconds or milliseconds; nothing else), so an event's time is the same
 * instant through the receiver, catch-up and the pages whatever zone the server runs in.
 */
export function parseDate(value: unknown): Date | null {
  const d = toDate(value);
  return d && storable(d);
}

/**
 * A date Postgres can store (no year 0, nothing past 9999): anything else is a malformed event, not a
 * 500 CHeKT would retry forever.
 */
function storable(d: Date): Date | null {
  const year = d.getUTCFullYear();
  return year < 1 || year > 9999 ? null : d;
}

/** A string or number `parse` reads (null: it cannot); anything else fails as "not <what>: <value>". */
function lenient<T>(parse: (v: string | number) => T | null, what: string) {
  return z.union([z.string(), z.number()]).transform((v, ctx) => {
    const out = parse(v);
    if (out === null) {
      ctx.addIssue({ code: "custom", message: `not ${what}: ${String(v)}` });
      return z.NEVER;
    }
    return out;
  });
}
/** The same, optional: absent, null or unreadable is null. */
function lenientOptional<T>(parse: (v: string | number) => T | null) {
  return z
    .union([z.string(), z.number(), z.null()])
    .optional()
    .transform((v) => (v == null ? null : parse(v)));
}

const idLike = lenient(intId, `a CHeKT id (a whole number from 1 to ${MAX_CHEKT_ID})`);
const optIdLike = lenientOptional(intId);
const str = z.union([z.string(), z.number()]).transform((v) => String(v));
const optStr = lenientOptional((v) => String(v));
const date = lenient(parseDate, "a date");
const optDate = lenientOptional(parseDate);

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
    // The desk's own bound: a verification stored here can be claimed and answered there.
    verification_id: verificationIdSchema,
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
export const EVENT_TYPES: EventType[] = keysOf(payloadSchemas);

/** One event of a type in K, its data that type's payload (a union over K, so a switch on `type` narrows `data`). */
type EventOf<K extends EventType> = {
  [P in K]: { id: string; type: P; createdAt: Date; data: z.infer<(typeof payloadSchemas)[P]> };
}[K];
export type ParsedEvent = EventOf<EventType>;

export type ParseResult =
  | { ok: true; event: ParsedEvent }
  | { ok: false; kind: "unknown_type"; id: string; type: string; createdAt: Date }
  | { ok: false; kind: "invalid"; message: string; id?: string; type?: string };

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(payloadSchemas, type);
}

/** Envelope + payload; an unknown type is kept (and stored as ignored), not an error. */
export function parseEvent(json: unknown): ParseResult {
  const fast = parseAlarmPathFast(json);
  return fast ? { ok: true, event: fast } : parseEventWithZod(json);
}

/** The schemas above, through zod: the reference parseAlarmPathFast is tested against, and every error message. */
export function parseEventWithZod(json: unknown): ParseResult {
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

// ---- The alarm path without zod ----
// zod was about a tenth of the receiver's CPU per webhook. For the alarm-path types this builds the
// exact object the schemas above produce (same keys, same values), and gives up at the first doubt:
// an input it does not accept goes through zod, so every 400 and its message come from zod alone.
// tests/unit/webhooks-events-fast.test.ts holds the two to the same answers.

/** Thrown by the readers below on anything they are not sure of; caught only in parseAlarmPathFast. */
class GiveUp {}
const GIVE_UP = new GiveUp();

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain =>
  typeof v === "object" && v !== null && Object.getPrototypeOf(v) === Object.prototype;

// z.number() refuses NaN and ±Infinity.
function strOrNum(v: unknown): string | number {
  if (typeof v === "string" || (typeof v === "number" && Number.isFinite(v))) return v;
  throw GIVE_UP;
}
const fStr = (v: unknown): string => String(strOrNum(v));
const fOptStr = (v: unknown): string | null => (v == null ? null : fStr(v));
const fOptId = (v: unknown): number | null => (v == null ? null : intId(strOrNum(v)));
const fOptDate = (v: unknown): Date | null => (v == null ? null : parseDate(strOrNum(v)));
function fId(v: unknown): number {
  const n = intId(strOrNum(v));
  if (n === null) throw GIVE_UP;
  return n;
}
function fDate(v: unknown): Date {
  const d = parseDate(strOrNum(v));
  if (d === null) throw GIVE_UP;
  return d;
}
/** verificationIdSchema without zod: trimmed, 1 to VERIFICATION_ID_MAX characters. */
function fVerificationId(v: unknown): string {
  const id = typeof v === "string" ? v.trim() : "";
  if (id.length >= 1 && id.length <= VERIFICATION_ID_MAX) return id;
  throw GIVE_UP;
}
function fNonEmpty(v: unknown): string {
  if (typeof v === "string" && v.length > 0) return v;
  throw GIVE_UP;
}
/** z.number().nullable().optional() with no transform: an absent key stays absent. */
function fEta(d: Plain): { eta_seconds?: number | null } {
  if (!Object.hasOwn(d, "eta_seconds")) return {};
  const v = d.eta_seconds;
  if (v === null || (typeof v === "number" && Number.isFinite(v))) return { eta_seconds: v };
  throw GIVE_UP;
}

type Payload<K extends EventType> = z.infer<(typeof payloadSchemas)[K]>;
type AlarmPathType = Exclude<EventType, `device.${string}`>;

/** Each alarm-path payload as its schema above reads it (device events are not on the alarm path: zod reads them). */
const fastPayloads: { [K in AlarmPathType]: (d: Plain) => Payload<K> } = {
  "alarm.created": (d) => ({
    alarm_id: fStr(d.alarm_id),
    site_id: fOptId(d.site_id),
    device_id: fOptId(d.device_id),
    priority: fOptStr(d.priority),
    trigger: fOptStr(d.trigger),
    location: fOptStr(d.location),
    snapshot_url: fOptStr(d.snapshot_url),
  }),
  "verification.requested": (d) => ({
    verification_id: fVerificationId(d.verification_id),
    alarm_id: fOptStr(d.alarm_id),
    site_id: fId(d.site_id),
    device_id: fOptId(d.device_id),
    zone_number: fOptStr(d.zone_number),
    contact_id: fOptId(d.contact_id),
    description: fOptStr(d.description),
    event_code: fOptStr(d.event_code),
    occurred_at: fDate(d.occurred_at),
    expires_at: fDate(d.expires_at),
  }),
  "alarm.acknowledged": (d) => ({
    alarm_id: fStr(d.alarm_id),
    operator_id: fOptStr(d.operator_id),
    reason: fOptStr(d.reason),
  }),
  "alarm.dispatched": (d) => ({
    alarm_id: fStr(d.alarm_id),
    responder_id: fOptStr(d.responder_id),
    responder_type: fOptStr(d.responder_type),
    ...fEta(d),
    tracking_url: fOptStr(d.tracking_url),
  }),
  "alarm.resolved": (d) => ({ alarm_id: fStr(d.alarm_id), resolution: fOptStr(d.resolution), notes: fOptStr(d.notes) }),
  "snapshot.created": (d) => ({
    snapshot_id: fStr(d.snapshot_id),
    alarm_id: fOptStr(d.alarm_id),
    site_id: fOptId(d.site_id),
    device_id: fOptId(d.device_id),
    url: fNonEmpty(d.url),
    captured_at: fOptDate(d.captured_at),
  }),
};
const isAlarmPath = (type: EventType): type is AlarmPathType => Object.hasOwn(fastPayloads, type);

/** The envelope around one payload; K ties the type to its payload, as ParsedEvent does. */
function fastEvent<K extends AlarmPathType>(id: string, type: K, createdAt: Date, d: Plain): EventOf<K> {
  return { id, type, createdAt, data: fastPayloads[type](d) };
}

/** What parseEventWithZod(json) returns when it succeeds for an alarm-path type; null for anything else. */
export function parseAlarmPathFast(json: unknown): ParsedEvent | null {
  if (!isPlain(json)) return null;
  const { id, type, data } = json;
  if (typeof id !== "string" || id.length < 1 || id.length > 200) return null;
  if (typeof type !== "string" || type.length > 100 || !isEventType(type) || !isPlain(data)) return null;
  try {
    return isAlarmPath(type) ? fastEvent(id, type, fDate(json.created_at), data) : null;
  } catch (e) {
    if (e === GIVE_UP) return null;
    throw e;
  }
}
