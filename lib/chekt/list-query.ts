/**
 * List query controls of the CHeKT Partner API (the list operations' parameters in lib/chekt/openapi.yaml):
 * `fields`, repeatable `filter=column,value,op`, `sort`, `dir`, `limit`, `offset`.
 *
 * Build them from a typed object, never by string concatenation:
 *
 * ```ts
 * const q = { fields: ["site_id", "name"], filter: [{ column: "name", value: userText, op: "regex" }],
 *             sort: "created_at", dir: "desc", limit: 50, offset: 0 };
 * chekt.get("/partner/v1/dealers/{dealerId}/sites", { params: { path: { dealerId }, query: listQueryParams(q) } });
 * ```
 *
 * Why it is safe with any user text:
 * - column names are checked against `COLUMN_RE` (letters, digits, `_`, one optional `table.`),
 *   so a column can never carry `,`, `&`, `=` or anything else that changes the query's shape;
 * - values are percent-encoded as a whole by openapi-fetch's query serializer, so `&`, `=`, `#`,
 *   `+`, `%`, newlines and friends stay inside their parameter;
 * - the operator is ALWAYS written, so a value containing commas is still unambiguous: the
 *   column ends at the first comma and the operator starts after the last one (that is how the
 *   simulator, simulator/list-query.ts, reads it; the app only writes filters, never reads them).
 *
 * Pure module (no server-only): pages, forms and tests may import it.
 */

export const FILTER_OPS = ["eq", "neq", "lt", "lte", "gt", "gte", "regex"] as const;
export type FilterOp = (typeof FILTER_OPS)[number];
const isFilterOp = (s: string): s is FilterOp => FILTER_OPS.some((op) => op === s);
export const SORT_DIRS = ["asc", "desc"] as const;
export type SortDir = (typeof SORT_DIRS)[number];

/** A column name, optionally qualified by its table (`sites.name`). */
export const COLUMN_RE = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;

export type ListFilter<C extends string = string> = {
  column: C;
  value: string | number;
  /** Defaults to `eq`; always written out. */
  op?: FilterOp;
};

export type ListQuery<C extends string = string> = {
  fields?: readonly C[];
  filter?: readonly ListFilter<C>[];
  sort?: C;
  dir?: SortDir;
  limit?: number;
  offset?: number;
};

/** The shape openapi-fetch serializes into the query string (`filter` repeated). */
export type ListQueryParams = {
  fields?: string;
  filter?: string[];
  sort?: string;
  dir?: SortDir;
  limit?: number;
  offset?: number;
};

/** A list query that cannot be sent; `field` names the control at fault. */
export class ListQueryError extends Error {
  constructor(
    readonly field: "fields" | "filter" | "sort" | "dir" | "limit" | "offset",
    message: string,
  ) {
    super(message);
    this.name = "ListQueryError";
  }
}

function checkColumn(field: ListQueryError["field"], column: unknown): string {
  if (typeof column !== "string" || !COLUMN_RE.test(column)) {
    throw new ListQueryError(
      field,
      `${field}: "${String(column)}" is not a column name (letters, digits, _ and one optional "table.")`,
    );
  }
  return column;
}

function filterValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  throw new ListQueryError("filter", `filter: value must be text or a finite number, got ${String(value)}`);
}

/** `column,value,op` for one filter; throws ListQueryError on a bad column or operator. */
export function formatFilter(f: ListFilter): string {
  const column = checkColumn("filter", f.column);
  const op = f.op ?? "eq";
  if (!isFilterOp(op)) {
    throw new ListQueryError("filter", `filter: unknown operator "${op}" (use ${FILTER_OPS.join(", ")})`);
  }
  return `${column},${filterValue(f.value)},${op}`;
}

function checkInt(field: "limit" | "offset", n: unknown, min: number): number {
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < min) {
    throw new ListQueryError(field, `${field} must be a whole number ≥ ${min}, got ${String(n)}`);
  }
  return n;
}

/** Validated params for openapi-fetch's `params.query`. Throws ListQueryError. */
export function listQueryParams(q: ListQuery): ListQueryParams {
  const out: ListQueryParams = {};
  if (q.fields && q.fields.length > 0) out.fields = q.fields.map((c) => checkColumn("fields", c)).join(",");
  if (q.filter && q.filter.length > 0) out.filter = q.filter.map(formatFilter);
  if (q.sort !== undefined) out.sort = checkColumn("sort", q.sort);
  if (q.dir !== undefined) {
    if (!(SORT_DIRS as readonly string[]).includes(q.dir))
      throw new ListQueryError("dir", `dir must be asc or desc, got ${String(q.dir)}`);
    out.dir = q.dir;
  }
  if (q.limit !== undefined) out.limit = checkInt("limit", q.limit, 1);
  if (q.offset !== undefined) out.offset = checkInt("offset", q.offset, 0);
  return out;
}
