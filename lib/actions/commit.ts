import "server-only";
import { auditInsertSql, writeAudit, type AuditEntry } from "@/lib/audit";
import { prisma, sql } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

/** What a commit's audit entry must say; the rest comes from the action's metadata and context. */
export type CommitEntry = Omit<AuditEntry, "user" | "outcome" | "traceId" | "action" | "objectKind"> &
  Partial<Pick<AuditEntry, "action" | "objectKind">> & { traceId?: string };

export type Commit = {
  (entry: CommitEntry): Promise<void>;
  /** The writes as single statements (lib/actions/statements.ts): they and the row go as ONE statement. */
  (entry: CommitEntry, statements: Prisma.Sql[]): Promise<void>;
  <T>(entry: CommitEntry, fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T>;
};

export type CommitDefaults = {
  /** The action's metadata name and object kind: the row's unless the entry names others. */
  action: string;
  objectKind: AuditEntry["objectKind"];
  dealerLinkId?: string | null;
  traceId: string;
  user: NonNullable<AuditEntry["user"]>;
  /** Told once the transaction (change + audit row) has committed. */
  onCommitted?: () => void;
};

/**
 * The `commit` an action gets in its context (lib/actions/client.ts): its change and one success
 * audit row, all or nothing, so a mapping or mirror change never lands without its row. With `fn`
 * that is a Prisma transaction (BEGIN, fn's queries, the row, COMMIT: a round trip each). With
 * statements it is one: `WITH w0 AS (…), w1 AS (…) INSERT INTO audit_log …` is a single statement,
 * atomic on its own, whose parts run once each and cannot see each other's rows (so they must
 * write different rows, as a mapping, a mirror row and the audit row do).
 */
export function makeCommit(d: CommitDefaults): Commit {
  function commit(entry: CommitEntry): Promise<void>;
  function commit(entry: CommitEntry, statements: Prisma.Sql[]): Promise<void>;
  function commit<T>(entry: CommitEntry, fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T>;
  async function commit<T>(
    entry: CommitEntry,
    work?: Prisma.Sql[] | ((tx: Prisma.TransactionClient) => Promise<T>),
  ): Promise<T | void> {
    // Built once `fn` has run: an action may fill in the entry there (the id a create got).
    const row = (): AuditEntry => ({
      ...entry,
      action: entry.action ?? d.action,
      objectKind: entry.objectKind ?? d.objectKind,
      dealerLinkId: entry.dealerLinkId ?? d.dealerLinkId,
      traceId: entry.traceId ?? d.traceId,
      outcome: "success",
      user: d.user,
    });
    let out: T | undefined;
    if (work === undefined || Array.isArray(work)) {
      const parts = (work ?? []).map((q, i) => Prisma.sql`${Prisma.raw(`w${i}`)} AS (${q})`);
      const insert = auditInsertSql(row());
      // Straight on the pool, past Prisma's client engine (lib/db.ts sql): a single statement is atomic alone.
      // Prepared: the text depends on which statements are folded, not on their values, so each
      // action's commit is parsed once per pool connection (lib/db.ts bounds how many it prepares).
      await sql(parts.length ? Prisma.sql`WITH ${Prisma.join(parts, ", ")} ${insert}` : insert, { prepare: true });
    } else {
      out = await prisma.$transaction(async (tx) => {
        const value = await work(tx);
        await writeAudit(tx, row());
        return value;
      });
    }
    d.onCommitted?.();
    return out;
  }
  return commit;
}
