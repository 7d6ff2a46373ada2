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
