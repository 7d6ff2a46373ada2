// Audit filters live in the URL (bookmarkable views), declared with the list-page parsers
// (lib/list-state); the page and the CSV export parse them the same way. Pure: unit-tested, and
// shared by the page, the export route and the filter form.
import { defineListState, type RawParams } from "@/lib/list-state/define";
import { intIn, isInstant, matching, oneOf, rangeBound, text } from "@/lib/list-state/parsers";

export const auditList = defineListState("/audit", {
  user: text(200).withDefault(""),
  action: text(200).withDefault(""),
  object: text(200).withDefault(""),
  kind: text(200).withDefault(""),
  outcome: oneOf(["", "success", "failure", "refused"]).withDefault(""),
  from: matching(isInstant).withDefault(""),
  to: matching(isInstant).withDefault(""),
  page: intIn(1, 100_000).withDefault(1),
});
export type AuditListState = typeof auditList.defaults;

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

export type ParsedFilters = { filters: AuditFilters; errors: string[]; state: AuditListState };

const MESSAGES: Partial<Record<keyof AuditListState, (raw: string) => string>> = {
  outcome: (raw) => `Outcome "${raw}" is not one of success, failure, refused.`,
  from: (raw) => `"From" date "${raw}" is not a date (use YYYY-MM-DD).`,
  to: (raw) => `"To" date "${raw}" is not a date (use YYYY-MM-DD).`,
  page: (raw) => `Page "${raw}" is not a page number.`,
};

/** Bad values fall back to "any" and are named in `errors` (the page shows them, the export refuses). */
export function parseAuditFilters(params: RawParams): ParsedFilters {
  const state = auditList.parse(params);
  const errors = auditList.refused(params).flatMap(({ key, raw }) => MESSAGES[key]?.(raw.slice(0, 200)) ?? []);
  const filters: AuditFilters = {
    user: state.user || undefined,
    action: state.action || undefined,
    object: state.object || undefined,
    kind: state.kind || undefined,
    ...(state.outcome ? { outcome: state.outcome } : {}),
    ...(state.from ? { from: rangeBound(state.from, "from") } : {}),
    ...(state.to ? { to: rangeBound(state.to, "to") } : {}),
    page: state.page,
  };
  if (filters.from && filters.to && filters.from >= filters.to) {
    const pageError = errors.findIndex((e) => e.startsWith("Page "));
    errors.splice(pageError < 0 ? errors.length : pageError, 0, `"From" must be before "To".`);
  }
  return { filters, errors, state };
}

/** RFC 4180 CSV field; also defuses spreadsheet formulas (a cell starting with = + - @). */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  let s =
    typeof value === "string"
      ? value
      : value instanceof Date
        ? value.toISOString()
        : typeof value === "object"
          ? JSON.stringify(value)
          : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(values: unknown[]): string {
  return values.map(csvField).join(",") + "\r\n";
}
