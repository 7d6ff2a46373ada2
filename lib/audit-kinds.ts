// No imports and no "server-only": the audit page and tests read the list too.

/**
 * What an audit row may name as its object (audit_log.object_kind). Every writer can only name one of these
 * (lib/audit.ts AuditEntry and AuditLogRow, an action's metadata in lib/actions/client.ts), so a slip such as
 * the literal "ctx.dealer" (once written for the dealer's checklist) fails to compile instead of filing the row
 * under a kind of its own.
 */
export const AUDIT_OBJECT_KINDS = [
  "action",
  "arming_setting",
  "audit_log",
  "bulk_chunk",
  "bulk_job",
  "contact",
  "dealer",
  "desk_report",
  "device",
  "import_settings",
  "mapping",
  "mirror",
  "monitoring_station",
  "page",
  "settings",
  "site",
  "snapshot",
  "user",
  "verification",
  "webhook_event",
] as const;

export type AuditObjectKind = (typeof AUDIT_OBJECT_KINDS)[number];

/** How the audited thing ended (audit_log.outcome): done, failed, or refused before it was tried. */
export const AUDIT_OUTCOMES = ["success", "failure", "refused"] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/**
 * Kinds rows were written under before every writer was held to the list, and the kind each is filed under
 * now: a station refused by URL ("station"), another dealer named by ?dealer= ("dealer_link") and the
 * dealer's checklist ("ctx.dealer"). Audit rows are append-only (never rewritten, not even by a migration),
 * so the audit page reads them as their current kind instead: its filter, its choices and its rows.
 */
const EARLIER_KINDS = new Map<string, AuditObjectKind>([
  ["station", "monitoring_station"],
  ["dealer_link", "dealer"],
  ["ctx.dealer", "dealer"],
]);

/** The kind a stored object_kind is shown and filtered as: its current kind when it is an earlier spelling. */
export function currentAuditKind(stored: string): string {
  return EARLIER_KINDS.get(stored) ?? stored;
}

/** Every stored object_kind a filter on `kind` matches: the kind itself and the earlier spellings of it. */
export function storedAuditKinds(kind: string): string[] {
  return [kind, ...[...EARLIER_KINDS].filter(([, now]) => now === kind).map(([earlier]) => earlier)];
}
