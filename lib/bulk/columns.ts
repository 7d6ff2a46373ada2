// The entity-agnostic half of the paste pipeline: which pasted column fills which field of a
// "kind" (devices, sites with their contacts, …). Each kind describes its fields once in a
// ColumnSpec; mapping.ts (devices) and lib/import/site-fields.ts (sites) are such specs.
// Client-safe: the paste and import pages run this in the browser.
import { keysOf } from "@/lib/keys-of";

export type ColumnSpec<F extends string> = {
  /** Every field, in the order a headerless paste fills them. */
  fields: readonly F[];
  /** The field a header names, or null. */
  fieldForHeader(header: string): F | null;
  /** Headerless pastes: a column whose cells pass `test` (60% of the first 200) fills `field`. */
  sniffers?: readonly { field: F; test: (value: string) => boolean }[];
  /** Lower-case cell values that only data has, so a first row holding one is not a header. */
  dataOnlyValues?: readonly string[];
};

/** One entry per pasted column: the field it fills, or null to ignore the column. */
export type Columns<F extends string> = (F | null)[];

export type Row<F extends string> = { line: number; values: Partial<Record<F, string>> };

/** "MAC_Address", "mac-address ", "Serial No." → "mac address", "serial no". */
export function normalizeHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/[_\-./:]+/g, " ")
    .replace(/[^\p{L}\p{N}# ]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** A lookup from normalised header names (the field's own name and its synonyms) to fields. */
export function headerLookup<F extends string>(synonyms: Record<F, readonly string[]>): (header: string) => F | null {
  const by = new Map<string, F>();
  for (const field of keysOf(synonyms)) {
    by.set(normalizeHeader(field), field);
    for (const s of synonyms[field]) by.set(normalizeHeader(s), field);
  }
  return (header) => by.get(normalizeHeader(header)) ?? null;
}

/** A first row is a header when one cell names a field and none holds a data-only value. */
export function isHeaderRow<F extends string>(spec: ColumnSpec<F>, row: string[] | undefined): boolean {
  if (!row) return false;
  const only = spec.dataOnlyValues ?? [];
  if (row.some((c) => only.includes(c.trim().toLowerCase()))) return false;
  return row.some((c) => spec.fieldForHeader(c) !== null);
}

export function columnsFromHeader<F extends string>(spec: ColumnSpec<F>, header: string[]): Columns<F> {
  const used = new Set<F>();
  return header.map((h) => {
    const f = spec.fieldForHeader(h);
    if (!f || used.has(f)) return null;
    used.add(f);
    return f;
  });
}

function share(rows: string[][], col: number, test: (v: string) => boolean): number {
  let n = 0;
  let seen = 0;
  for (const r of rows) {
    const v = (r[col] ?? "").trim();
    if (!v) continue;
    seen++;
    if (test(v)) n++;
  }
  return seen === 0 ? 0 : n / seen;
}

/** Headerless paste: sniff the recognisable columns by content, fill the rest in field order. */
export function columnsFromContent<F extends string>(spec: ColumnSpec<F>, rows: string[][]): Columns<F> {
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const mapping: Columns<F> = Array.from({ length: width }, () => null);
  const taken = new Set<F>();
  const sample = rows.slice(0, 200);
  for (let c = 0; c < width; c++) {
    const hit = (spec.sniffers ?? []).find((s) => !taken.has(s.field) && share(sample, c, s.test) >= 0.6);
    if (hit) {
      mapping[c] = hit.field;
      taken.add(hit.field);
    }
  }
  const rest = spec.fields.filter((f) => !taken.has(f));
  for (let c = 0; c < width; c++) {
    if (mapping[c] === null) mapping[c] = rest.shift() ?? null;
  }
  return mapping;
}

export function guessColumns<F extends string>(spec: ColumnSpec<F>, rows: string[][], hasHeader: boolean): Columns<F> {
  if (hasHeader && rows[0]) {
    const byName = columnsFromHeader(spec, rows[0]);
    const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
    while (byName.length < width) byName.push(null);
    return byName;
  }
  return columnsFromContent(spec, rows);
}

/** Fields mapped to more than one column: a mapping step must not let them through. */
export function duplicateColumns<F extends string>(mapping: Columns<F>): F[] {
  const seen = new Set<F>();
  const dup = new Set<F>();
  for (const f of mapping) if (f) (seen.has(f) ? dup : seen).add(f);
  return [...dup];
}

/**
 * Applies a mapping; `line` is the row's sheet line (1-based, header and blank lines counted) when
 * `lines` is given (parsePaste's), else its 1-based position among `rows`.
 */
export function applyColumns<F extends string>(
  rows: string[][],
  mapping: Columns<F>,
  hasHeader: boolean,
  lines?: readonly number[],
): Row<F>[] {
  const out: Row<F>[] = [];
  for (let i = hasHeader ? 1 : 0; i < rows.length; i++) {
    const values: Partial<Record<F, string>> = {};
    mapping.forEach((f, c) => {
      if (f) values[f] = rows[i][c] ?? "";
    });
    out.push({ line: lines?.[i] ?? i + 1, values });
  }
  return out;
}
