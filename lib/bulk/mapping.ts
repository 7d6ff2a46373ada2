// Which pasted column fills which device field: by header name when there is a header row,
// otherwise by what the cells look like, then by CreateDeviceDto order. The user can change it.
import { DEVICE_FIELDS, fieldForHeader, type DeviceField } from "./fields";
import { normalizeMac } from "./mac";

/** One entry per pasted column: the field it fills, or null to ignore the column. */
export type ColumnMapping = (DeviceField | null)[];

export function mappingFromHeader(header: string[]): ColumnMapping {
  const used = new Set<DeviceField>();
  return header.map((h) => {
    const f = fieldForHeader(h);
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

/** Headerless paste: find the type and MAC columns by content, fill the rest in DTO order. */
export function mappingFromContent(rows: string[][]): ColumnMapping {
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const mapping: ColumnMapping = Array.from({ length: width }, () => null);
  const taken = new Set<DeviceField>();
  const sample = rows.slice(0, 200);
  for (let c = 0; c < width; c++) {
    if (!taken.has("device_type") && share(sample, c, (v) => /^(camera|bridge)$/i.test(v)) >= 0.6) {
      mapping[c] = "device_type";
      taken.add("device_type");
    } else if (!taken.has("mac") && share(sample, c, (v) => normalizeMac(v) !== null) >= 0.6) {
      mapping[c] = "mac";
      taken.add("mac");
    }
  }
  const rest = DEVICE_FIELDS.filter((f) => !taken.has(f));
  for (let c = 0; c < width; c++) {
    if (mapping[c] === null) mapping[c] = rest.shift() ?? null;
  }
  return mapping;
}

export function guessMapping(rows: string[][], hasHeader: boolean): ColumnMapping {
  if (hasHeader && rows[0]) {
    const byName = mappingFromHeader(rows[0]);
    const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
    while (byName.length < width) byName.push(null);
    return byName;
  }
  return mappingFromContent(rows);
}

/** Fields mapped to more than one column: a mapping step must not let them through. */
export function duplicateFields(mapping: ColumnMapping): DeviceField[] {
  const seen = new Set<DeviceField>();
  const dup = new Set<DeviceField>();
  for (const f of mapping) if (f) (seen.has(f) ? dup : seen).add(f);
  return [...dup];
}

export type RawRow = { line: number; values: Partial<Record<DeviceField, string>> };

/**
 * Applies a mapping; `line` is the row's sheet line (1-based, header and blank lines counted) when
 * `lines` is given (parsePaste's), else its 1-based position among `rows`.
 */
export function applyMapping(rows: string[][], mapping: ColumnMapping, hasHeader: boolean, lines?: readonly number[]): RawRow[] {
  const out: RawRow[] = [];
  for (let i = hasHeader ? 1 : 0; i < rows.length; i++) {
    const values: Partial<Record<DeviceField, string>> = {};
    mapping.forEach((f, c) => {
      if (f) values[f] = rows[i][c] ?? "";
    });
    out.push({ line: lines?.[i] ?? i + 1, values });
  }
  return out;
}
