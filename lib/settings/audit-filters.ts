// Audit filters live in the URL (bookmarkable views), declared with the list-page parsers
// (lib/list-state); the page and the CSV export parse them the same way. Pure: unit-tested, and
// shared by the page, the export route and the filter form.
import { AUDIT_OUTCOMES, type AuditOutcome } from "@/lib/audit-kinds";
import { defineListState, type RawParams } from "@/lib/list-state/define";
import { pageParam } from "@/lib/list-state/pages";
import { isInstant, matching, oneOfOrAny, text } from "@/lib/list-state/parsers";
import { readDatedList, refusedChoice } from "@/lib/list-state/refusals";

export const auditList = defineListState(
  { path: "/audit", noun: "audit rows" },
  {
    user: text(200).withDefault(""),
    action: text(200).withDefault(""),
    object: text(200).withDefault(""),
    kind: text(200).withDefault(""),
    outcome: oneOfOrAny(AUDIT_OUTCOMES),
    from: matching(isInstant).withDefault(""),
    to: matching(isInstant).withDefault(""),
    page: pageParam(),
  },
);
export type AuditListState = typeof auditList.defaults;

export type AuditFilters = {
  user?: string;
  action?: string;
  object?: string;
  kind?: string;
  outcome?: AuditOutcome;
  from?: Date;
  /** Exclusive upper bound (the day after `to` when only a date was given). */
  to?: Date;
  page: number;
};

export type ParsedFilters = { filters: AuditFilters; errors: string[]; state: AuditListState };

/** Bad values fall back to "any" and are named in `errors` (the page shows them, the export refuses). */
export function parseAuditFilters(params: RawParams): ParsedFilters {
  const { state, range, errors } = readDatedList(auditList, params, {
    outcome: refusedChoice("Outcome", AUDIT_OUTCOMES),
  });
  const filters: AuditFilters = {
    user: state.user || undefined,
    action: state.action || undefined,
    object: state.object || undefined,
    kind: state.kind || undefined,
    ...(state.outcome ? { outcome: state.outcome } : {}),
    ...(range.from ? { from: range.from } : {}),
    ...(range.to ? { to: range.to } : {}),
    page: state.page,
  };
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
