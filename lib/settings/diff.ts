// Field-by-field difference of an audit row's before/after JSON, for the diff viewer.
import { isRecord } from "@/lib/is-record";

export type DiffLine = {
  path: string;
  before: unknown;
  after: unknown;
  change: "added" | "removed" | "changed" | "same";
};

/** Flattens nested objects to dotted paths (arrays stay whole: they are compared as values). */
function flatten(v: unknown, prefix = "", out = new Map<string, unknown>()): Map<string, unknown> {
  if (isRecord(v)) {
    const keys = Object.keys(v);
    if (keys.length === 0 && prefix) out.set(prefix, v);
    for (const k of keys) flatten(v[k], prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix || v !== undefined) out.set(prefix || "(value)", v);
  return out;
}

export function diffJson(before: unknown, after: unknown): DiffLine[] {
  const b = before == null ? new Map<string, unknown>() : flatten(before);
  const a = after == null ? new Map<string, unknown>() : flatten(after);
  const paths = [...new Set([...b.keys(), ...a.keys()])].sort();
  return paths.map((path) => {
    const hasB = b.has(path);
    const hasA = a.has(path);
    const bv = b.get(path);
    const av = a.get(path);
    const change = !hasB ? "added" : !hasA ? "removed" : JSON.stringify(bv) === JSON.stringify(av) ? "same" : "changed";
    return { path, before: bv, after: av, change };
  });
}

export function show(v: unknown): string {
  if (v === undefined) return "";
  return typeof v === "string" ? v : JSON.stringify(v);
}
