import { keysOf } from "../lib/keys-of";
import { SimError } from "./errors";
import { errorText } from "../lib/error-text";

/**
 * The Partner API list controls (lib/chekt/openapi.yaml parameters): fields, filter (repeatable, AND), sort, dir,
 * limit, offset.
 */
export interface ListQuery {
  fields?: string;
  filter?: string[];
  sort?: string;
  dir?: "asc" | "desc";
  limit?: number;
  offset?: number;
}

const OPS = new Set(["eq", "neq", "lt", "lte", "gt", "gte", "regex"]);
type Row = Record<string, unknown>;

interface Filter {
  column: string;
  value: string;
  op: string;
  regex?: RegExp;
}

function column(name: string, table: string, columns: Set<string>, param: string): string {
  let col = name.trim();
  const dot = col.indexOf(".");
  if (dot >= 0) {
    const t = col.slice(0, dot);
    if (t !== table)
      throw new SimError(400, "validation_failed", `${param}: unknown table "${t}" (this list is "${table}")`, param);
    col = col.slice(dot + 1);
  }
  if (!columns.has(col))
    throw new SimError(
      400,
      "validation_failed",
      `${param}: unknown column "${col}"; known: ${[...columns].join(", ")}`,
      param,
    );
  return col;
}

/**
 * `column,value,op`: the op is the last comma-separated part when there are three or more parts,
 * so a value with commas needs its op spelled out (`name,Smith, John,eq`).
 */
function parseFilter(raw: string, table: string, columns: Set<string>): Filter {
  const first = raw.indexOf(",");
  if (first < 0)
    throw new SimError(400, "validation_failed", `filter "${raw}" must be column,value[,operator]`, "filter");
  const col = column(raw.slice(0, first), table, columns, "filter");
  const rest = raw.slice(first + 1);
  const last = rest.lastIndexOf(",");
  let value = rest;
  let op = "eq";
  if (last >= 0) {
    op = rest.slice(last + 1).trim();
    value = rest.slice(0, last);
    if (!OPS.has(op))
      throw new SimError(
        400,
        "validation_failed",
        `filter "${raw}": unknown operator "${op}"; use eq, neq, lt, lte, gt, gte or regex`,
        "filter",
      );
  }
  const f: Filter = { column: col, value, op };
  if (op === "regex") {
    if (value.length > 200)
      throw new SimError(400, "validation_failed", "filter: regex longer than 200 characters", "filter");
    try {
      f.regex = new RegExp(value);
    } catch (e) {
      throw new SimError(400, "validation_failed", `filter "${raw}": invalid regex (${errorText(e)})`, "filter");
    }
  }
  return f;
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

function matches(row: Row, f: Filter, numeric: boolean): boolean {
  const v = row[f.column];
  if (f.regex) return v !== null && v !== undefined && f.regex.test(String(v));
  let target: unknown = f.value;
  if (f.value === "null") target = null;
  else if (numeric) target = Number(f.value);
  else if (typeof v === "boolean") target = f.value === "true" || f.value === "1";
  const c = compare(v ?? null, target);
  switch (f.op) {
    case "eq":
      return c === 0;
    case "neq":
      return c !== 0;
    case "lt":
      return v != null && c < 0;
    case "lte":
      return v != null && c <= 0;
    case "gt":
      return v != null && c > 0;
    case "gte":
      return v != null && c >= 0;
  }
  return false;
}

/**
 * Apply the controls to full rows. `numericColumns` decide how filter values are read;
 * a non-number for a numeric column is a 400.
 */
export function applyListQuery<R extends Row>(
  rows: R[],
  q: ListQuery,
  table: string,
  columns: readonly string[],
  numericColumns: readonly string[],
): { rows: Partial<R>[]; total: number } {
  const cols = new Set<string>(columns);
  const numeric = new Set<string>(numericColumns);
  const filters = (q.filter ?? []).map((f) => parseFilter(f, table, cols));
  for (const f of filters) {
    if (numeric.has(f.column) && f.op !== "regex" && f.value !== "null" && !Number.isFinite(Number(f.value))) {
      throw new SimError(
        400,
        "validation_failed",
        `filter: "${f.value}" is not a number (column ${f.column})`,
        "filter",
      );
    }
  }
  const fields = q.fields
    ? q.fields
        .split(",")
        .filter((s) => s.trim() !== "")
        .map((f) => column(f, table, cols, "fields"))
    : null;
  if (q.fields !== undefined && (!fields || fields.length === 0))
    throw new SimError(400, "validation_failed", "fields must name at least one column", "fields");
  const sort = q.sort ? column(q.sort, table, cols, "sort") : null;

  let out = filters.length ? rows.filter((r) => filters.every((f) => matches(r, f, numeric.has(f.column)))) : rows;
  const total = out.length;
  if (sort) {
    const sign = q.dir === "desc" ? -1 : 1;
    out = [...out].sort((a, b) => {
      const av = a[sort] ?? null;
      const bv = b[sort] ?? null;
      // nulls last whatever the direction
      if (av === null && bv !== null) return 1;
      if (bv === null && av !== null) return -1;
      return sign * compare(av, bv);
    });
  } else if (q.dir === "desc") {
    out = [...out].reverse();
  }
  const offset = q.offset ?? 0;
  out = out.slice(offset, q.limit !== undefined ? offset + q.limit : undefined);
  if (!fields) return { rows: out, total };
  return { rows: out.map((r) => project(r, fields)), total };
}

/** Only the named columns of a row, in the order asked (each name was checked against the list's columns). */
function project<R extends Row>(row: R, fields: string[]): Partial<R> {
  const out: Partial<R> = {};
  for (const f of fields) {
    const column = keysOf(row).find((key) => key === f);
    if (column !== undefined) out[column] = row[column];
  }
  return out;
}
