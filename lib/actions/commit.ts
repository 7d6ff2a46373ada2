import "server-only";
import { writeAudit, type AuditEntry } from "@/lib/audit";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

/** What a commit's audit entry must say; the rest comes from the action's metadata and context. */
export type CommitEntry = Omit<AuditEntry, "user" | "outcome" | "traceId" | "action" | "objectKind"> &
  Partial<Pick<AuditEntry, "action" | "objectKind">> & { traceId?: string };

export type Commit = {
  (entry: CommitEntry): Promise<void>;
  <T>(entry: CommitEntry, fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T>;
};

export type CommitDefaults = {
  /** The action's metadata name and object kind: the row's unless the entry names others. */
  action: string;
  objectKind: string;
  dealerLinkId?: string | null;
  traceId: string;
  user: NonNullable<AuditEntry["user"]>;
  /** Told once the transaction (change + audit row) has committed. */
  onCommitted?: () => void;
};

/**
 * The `commit` an action gets in its context (lib/actions/client.ts): `fn` and one success audit
 * row in one Postgres transaction, so a mapping or mirror change never lands without its row.
 */
export function makeCommit(d: CommitDefaults): Commit {
  function commit(entry: CommitEntry): Promise<void>;
  function commit<T>(entry: CommitEntry, fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T>;
  async function commit<T>(entry: CommitEntry, fn?: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T | void> {
    const out = await prisma.$transaction(async (tx) => {
      const value = fn ? await fn(tx) : undefined;
      await writeAudit(tx, {
        ...entry,
        action: entry.action ?? d.action,
        objectKind: entry.objectKind ?? d.objectKind,
        dealerLinkId: entry.dealerLinkId ?? d.dealerLinkId,
        traceId: entry.traceId ?? d.traceId,
        outcome: "success",
        user: d.user,
      });
      return value;
    });
    d.onCommitted?.();
    return out;
  }
  return commit;
}
