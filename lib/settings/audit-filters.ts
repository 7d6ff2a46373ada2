// Audit filters live in the URL (bookmarkable views); the page and the CSV export parse them the
// same way. Pure: unit-tested, and shared by the page, the export route and the filter form.

export type AuditFilters = {
  user?: string;
  action?: string;
  object?: string;
  kind?: string;
  outcome?: "success" | "failure" | "refused";
  from?: Date;
  /** Exclusive upper bound (the day after `to` when only a date was given). */
  to?: Date;
  page: number;
};

export type ParsedFilters = { filters: AuditFilters; errors: string[] };

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

function get(params: Params, key: string): string | undefined {
  const v = params instanceof URLSearchParams ? params.get(key) ?? undefined : params[key];
  const s = Array.isArray(v) ? v[0] : v;
  const t = s?.trim();
  return t ? t.slice(0, 200) : undefined;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function parseDate(value: string, endOfDay: boolean): Date | null {
  if (DATE_ONLY.test(value)) {
    const d = new Date(`${value}T00:00:00.000Z`);
    if (Number.isNaN(d.getTime())) return null;
    if (endOfDay) d.setUTCDate(d.getUTCDate() + 1);
    return d;
  }
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function parseAuditFilters(params: Params): ParsedFilters {
  const errors: string[] = [];
  const filters: AuditFilters = { page: 1 };
  filters.user = get(params, "user");
  filters.action = get(params, "action");
  filters.object = get(params, "object");
  filters.kind = get(params, "kind");
  const outcome = get(params, "outcome");
  if (outcome) {
    if (outcome === "success" || outcome === "failure" || outcome === "refused") filters.outcome = outcome;
    else errors.push(`Outcome "${outcome}" is not one of success, failure, refused.`);
  }
  const from = get(params, "from");
  if (from) {
    const d = parseDate(from, false);
    if (d) filters.from = d;
    else errors.push(`"From" date "${from}" is not a date (use YYYY-MM-DD).`);
  }
  const to = get(params, "to");
  if (to) {
    const d = parseDate(to, true);
    if (d) filters.to = d;
    else errors.push(`"To" date "${to}" is not a date (use YYYY-MM-DD).`);
  }
  if (filters.from && filters.to && filters.from >= filters.to) errors.push(`"From" must be before "To".`);
  const page = get(params, "page");
  if (page) {
    const n = Number(page);
    if (Number.isInteger(n) && n >= 1 && n <= 100_000) filters.page = n;
    else errors.push(`Page "${page}" is not a page number.`);
  }
  return { filters, errors };
}

/** RFC 4180 CSV field; also defuses spreadsheet formulas (a cell starting with = + - @). */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  let s = typeof value === "string" ? value : value instanceof Date ? value.toISOString() : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(values: unknown[]): string {
  return values.map(csvField).join(",") + "\r\n";
}
