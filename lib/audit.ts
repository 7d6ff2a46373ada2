import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

type Db = PrismaClient | Prisma.TransactionClient;

export type AuditEntry = {
  action: string;
  objectKind: string;
  chektId?: string | number | null;
  externalId?: string | null;
  dealerLinkId?: string | null;
  traceId?: string | null;
  before?: unknown;
  after?: unknown;
  outcome: "success" | "failure" | "refused";
  error?: string | null;
  user?: { id: string; email: string } | null;
};

// JSON columns take plain data only; Dates and BigInts become strings.
function json(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
}

/** Appends one audit row. Pass the transaction client to keep it atomic with the change it records. */
export async function writeAudit(db: Db, entry: AuditEntry) {
  await db.auditLog.create({
    data: {
      action: entry.action,
      objectKind: entry.objectKind,
      chektId: entry.chektId == null ? null : String(entry.chektId),
      externalId: entry.externalId ?? null,
      dealerLinkId: entry.dealerLinkId ?? null,
      traceId: entry.traceId ?? null,
      before: json(entry.before),
      after: json(entry.after),
      outcome: entry.outcome,
      error: entry.error ?? null,
      userId: entry.user?.id ?? null,
      userEmail: entry.user?.email ?? null,
    },
  });
}
