// No "server-only" and no imports: a pure guard any module may use, server or browser.

/**
 * An object (not null, not an array) with its fields still unknown: the first step in reading parsed
 * JSON, or whatever a library hands on, where a zod schema would only restate each field as `unknown`.
 */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
