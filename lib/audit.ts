import "server-only";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { AuditObjectKind, AuditOutcome } from "@/lib/audit-kinds";

type Db = PrismaClient | Prisma.TransactionClient;

export type AuditEntry = {
  action: string;
  /** One of lib/audit-kinds.ts: the audit page filters by them. */
  objectKind: AuditObjectKind;
  chektId?: string | number | null;
  externalId?: string | null;
  dealerLinkId?: string | null;
  traceId?: string | null;
  before?: unknown;
  after?: unknown;
  outcome: AuditOutcome;
  error?: string | null;
  user?: { id: string; email: string } | null;
};

/** An audit_log row the job runners write with Prisma, its object kind held to the list as AuditEntry's is. */
export type AuditLogRow = Prisma.AuditLogCreateManyInput & { objectKind: AuditObjectKind };

// JSON columns take plain data only; Dates and BigInts become strings. Null/undefined: no value.
function jsonText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
}

/**
 * The INSERT of one audit row, for writeAudit and for a commit that folds its writes and the row
 * into one statement (lib/actions/commit.ts). `at` is sent as UTC wall time, as Prisma stores
 * DateTime in a timestamp column (a DEFAULT would take the transaction's start instead).
 */
export function auditInsertSql(entry: AuditEntry, at = new Date()): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO audit_log (at, action, object_kind, chekt_id, external_id, dealer_link_id, trace_id, before, after,
                           outcome, error, user_id, user_email)
    VALUES (${at.toISOString()}::timestamptz AT TIME ZONE 'UTC', ${entry.action}, ${entry.objectKind},
            ${entry.chektId == null ? null : String(entry.chektId)}, ${entry.externalId ?? null},
            ${entry.dealerLinkId ?? null}, ${entry.traceId ?? null}, ${jsonText(entry.before)}::jsonb,
            ${jsonText(entry.after)}::jsonb, ${entry.outcome}, ${entry.error ?? null}, ${entry.user?.id ?? null},
            ${entry.user?.email ?? null})`;
}

/**
 * Appends one audit row. Pass the transaction client to keep it atomic with the change it records.
 * One plain INSERT (no RETURNING): it runs on every mutation, and Prisma's create would compile a
 * query and read the row back for nothing.
 */
export async function writeAudit(db: Db, entry: AuditEntry) {
  await db.$executeRaw(auditInsertSql(entry));
}
