/**
 * Tolerant reader for CHeKT answers (the Partner API is a v0.8 draft). CHeKT sends dates as
 * ISO-8601 in single objects but as "YYYY-MM-DD HH:MM:SS" in list examples, and a draft backend
 * may send integer IDs as strings. These helpers accept both and keep every unknown field, so a
 * new field on CHeKT's side never breaks a page. Pure module: safe in tests and pages.
 */

const SPACE_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;
const ISO_DATE_ONLY_RE = /^\d{4}-\d{2}-\d{2}$/;
const ZONED_RE = /^\d{4}-\d{2}-\d{2}T.+(Z|[+-]\d{2}:?\d{2})$/i;
/** The day and time as written ahead of a zone: what must exist before `new Date` reads the whole. */
const WRITTEN_FIELDS_RE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?/i;

/** Groups 1-6 of a date match (year, month, day, hour, minute, second); 0 for what was not written. */
const fieldsOf = (m: RegExpExecArray) => m.slice(1, 7).map((f) => Number(f ?? 0));

/**
 * Whether a written day and time exist: Date.UTC and `new Date` roll 30 February into March and
 * 24:00 into the next day instead of refusing them.
 */
function exists([y, mo, d, h, mi, sec]: number[]): boolean {
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = mo === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(mo) ? 30 : 31;
  return mo >= 1 && mo <= 12 && d >= 1 && d <= days && h <= 23 && mi <= 59 && sec <= 59;
}

/**
 * A Date from ISO-8601 or "YYYY-MM-DD HH:MM:SS" (no zone: read as UTC, which is what CHeKT's
 * servers keep). Null for anything else, including a day or time that does not exist
 * (2025-02-30, 31 April, 29 February of a common year, 24:00, minute 60), with or without a zone.
 */
export function toDate(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === "number") {
    // Unix seconds or milliseconds.
    const ms = value < 1e12 ? value * 1000 : value;
    const d = new Date(ms);
    return Number.isFinite(value) && !Number.isNaN(d.getTime()) ? d : null;
  }
  if (typeof value !== "string") return null;
  const s = value.trim();
  const m = SPACE_DATE_RE.exec(s);
  if (m) {
    const fields = fieldsOf(m);
    if (!exists(fields)) return null;
    const [y, mo, d, h, mi, sec] = fields;
    const ms = Number((m[7] ?? "0").padEnd(3, "0").slice(0, 3));
    return new Date(Date.UTC(y, mo - 1, d, h, mi, sec, ms));
  }
  const written = WRITTEN_FIELDS_RE.exec(s);
  if (written && (ISO_DATE_ONLY_RE.test(s) || ZONED_RE.test(s))) {
    if (!exists(fieldsOf(written))) return null;
    const d = new Date(s);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}

/** ISO-8601 (UTC, with milliseconds) from either date format; the input itself when unreadable. */
export function toIso<T>(value: T): string | T {
  const d = toDate(value);
  return d ? d.toISOString() : value;
}

/** An integer ID from 42 or "42"; null for anything else ("dev_42", "4.2", "", null). */
export function toId(value: unknown): number | null {
  if (typeof value === "number") return Number.isSafeInteger(value) ? value : null;
  if (typeof value === "string" && /^\d{1,15}$/.test(value.trim())) return Number(value.trim());
  return null;
}

/** The integer behind a `/v1` prefixed id (`site_42` → 42), or null (the `/v1` ids of lib/chekt/openapi.yaml). */
export function idFromPrefixed(value: unknown, prefix?: string): number | null {
  if (typeof value !== "string") return toId(value);
  const m = /^([a-z]+)_(\d{1,15})$/.exec(value);
  if (!m || (prefix !== undefined && m[1] !== prefix)) return null;
  return Number(m[2]);
}

// Keys that hold CHeKT's integer IDs. `external_*` IDs are ours (strings, kept as sent), and
// UUID / prefixed IDs never match the digits-only rule of toId.
function isIntegerIdKey(key: string): boolean {
  return (key.endsWith("_id") || key === "id") && !key.startsWith("external_");
}
const FLAG_KEYS = new Set(["is_activated", "success_count", "failure_count", "security_type", "status_code"]);

/**
 * Normalizes one CHeKT object (or array of them), deeply, without dropping anything:
 * `…_id` digit strings → numbers, `…_at` dates → ISO-8601, `is_activated` "1" → 1,
 * counts sent as strings → numbers. Anything it does not recognise is returned as it came.
 */
export function normalizeDto<T>(value: T): T {
  return walk(value) as T;
}

function walk(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((v) => walk(v, key === "deviceIds" ? "id" : undefined));
  if (value !== null && typeof value === "object") {
    if (value instanceof Date || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = walk(v, k);
    return out;
  }
  if (key === undefined) return value;
  if (typeof value === "string") {
    if (isIntegerIdKey(key)) {
      const id = toId(value);
      return id === null ? value : id;
    }
    if (key.endsWith("_at")) return toIso(value);
    if (FLAG_KEYS.has(key) && /^\d{1,9}$/.test(value)) return Number(value);
  }
  return value;
}
