// Records a site import's accepted steps in batches (lib/jobs/site-import-runner.ts). Each record is
// what one accepted call changes on our side: the row's progress, the mirror row, the external-ID
// mapping and the audit row with the call's trace id. Recorded one by one, that was a transaction
// of six or seven round trips per call, and a job's pace was set by Postgres, not by CHeKT's rate
// limit. Here every record that arrives while a batch is being written waits for the next batch,
// and a batch is ONE statement (data-modifying CTEs, atomic on their own): a round trip per batch.
// A row is settled only once its records are in, also in batches (one statement each), and marked
// "sending" before its first call the same way.
// A batch that fails (a mapping whose external ID another object holds, a lost connection) is
// written again record by record, so only the record at fault fails, and only its row.
import { randomUUID } from "node:crypto";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { armingWriteSql, contactsWriteSql, sitesWriteSql } from "@/lib/mirror/batch";
import { lastPerKey, utc } from "@/lib/mirror/sql-values";
import type { ResponseArmingSettingDto, ResponseContactDto, ResponseSiteBasicDto } from "@/lib/schemas/contract";
import { unsettledSql } from "./item-states";
import type { AuditObjectKind } from "@/lib/audit-kinds";

export type MirrorWrite =
  | { kind: "site"; dto: ResponseSiteBasicDto }
  | { kind: "contact"; siteId: number; dto: ResponseContactDto }
  | { kind: "arming"; dto: ResponseArmingSettingDto };

export type StepRecord = {
  itemId: string;
  /** The row's progress as it was when the step was accepted. */
  progress: unknown;
  chektDeviceId: number | null;
  write: MirrorWrite;
  mapping?: { kind: "site" | "contact"; chektId: number; externalId: string; parentChektId?: number };
  audit: {
    action: string;
    objectKind: AuditObjectKind;
    chektId: string;
    externalId: string;
    traceId: string;
    after: unknown;
  };
};

export type Settle = { itemId: string; siteId: number; progress: unknown };

type Scope = { dealerLinkId: string; user: { id: string; email: string } | null };

/** Every record of the batch in one statement: progress, mirror rows, mappings, then the audit rows. */
export function recordsSql(scope: Scope, records: StepRecord[], at = new Date()): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  // A row's newest progress: its records come in the order it made them.
  const items = lastPerKey(records, (r) => r.itemId).map((r) => ({
    id: r.itemId,
    result: r.progress,
    chekt_device_id: r.chektDeviceId,
  }));
  parts.push(Prisma.sql`
    UPDATE bulk_items b SET result = r.result, chekt_device_id = r.chekt_device_id, updated_at = ${utc(at)}
    FROM jsonb_to_recordset(${JSON.stringify(items)}::jsonb) AS r(id text, result jsonb, chekt_device_id int)
    WHERE b.id = r.id`);
  const sites = records.flatMap((r) => (r.write.kind === "site" ? [r.write.dto] : []));
  if (sites.length) parts.push(sitesWriteSql(scope.dealerLinkId, sites, at));
  const contacts = records.flatMap((r) => (r.write.kind === "contact" ? [r.write] : []));
  if (contacts.length) parts.push(contactsWriteSql(scope.dealerLinkId, contacts, at));
  const arming = records.flatMap((r) => (r.write.kind === "arming" ? [r.write.dto] : []));
  if (arming.length) parts.push(armingWriteSql(scope.dealerLinkId, arming, at));
  const mappings = lastPerKey(
    records.flatMap((r) => (r.mapping ? [r.mapping] : [])),
    (m) => `${m.kind}:${m.chektId}`,
  ).map((m) => ({
    id: randomUUID(),
    kind: m.kind,
    chekt_id: String(m.chektId),
    external_id: m.externalId,
    parent_chekt_id: m.parentChektId === undefined ? null : String(m.parentChektId),
  }));
  if (mappings.length)
    parts.push(Prisma.sql`
      INSERT INTO external_id_mappings (id, dealer_link_id, kind, chekt_id, external_id, parent_chekt_id, created_at,
                                        updated_at)
      SELECT r.id, ${scope.dealerLinkId}, r.kind::"MappingKind", r.chekt_id, r.external_id, r.parent_chekt_id,
             ${utc(at)}, ${utc(at)}
      FROM jsonb_to_recordset(${JSON.stringify(mappings)}::jsonb)
        AS r(id text, kind text, chekt_id text, external_id text, parent_chekt_id text)
      ON CONFLICT (dealer_link_id, kind, chekt_id) DO UPDATE SET
        external_id = EXCLUDED.external_id, parent_chekt_id = EXCLUDED.parent_chekt_id,
        updated_at = EXCLUDED.updated_at`);
  const audit = records.map((r, seq) => ({
    seq,
    action: r.audit.action,
    object_kind: r.audit.objectKind,
    chekt_id: r.audit.chektId,
    external_id: r.audit.externalId,
    trace_id: r.audit.traceId,
    after: r.audit.after,
  }));
  const ctes = parts.map((q, i) => Prisma.sql`${Prisma.raw(`w${i}`)} AS (${q})`);
  return Prisma.sql`
    WITH ${Prisma.join(ctes, ", ")}
    INSERT INTO audit_log (at, action, object_kind, chekt_id, external_id, dealer_link_id, trace_id, after, outcome,
                           user_id, user_email)
    SELECT ${utc(at)}, r.action, r.object_kind, r.chekt_id, r.external_id, ${scope.dealerLinkId}, r.trace_id, r.after,
           'success', ${scope.user?.id ?? null}, ${scope.user?.email ?? null}
    FROM jsonb_to_recordset(${JSON.stringify(audit)}::jsonb)
      AS r(seq int, action text, object_kind text, chekt_id text, external_id text, trace_id text, after jsonb)
    ORDER BY r.seq`;
}

/** Rows whose records are all in, settled as succeeded; each state change counts once on its job. */
export function settleSql(settles: Settle[]): Prisma.Sql {
  const rows = lastPerKey(settles, (s) => s.itemId).map((s) => ({ id: s.itemId, site: s.siteId, result: s.progress }));
  return Prisma.sql`
    WITH settled AS (
      UPDATE bulk_items b SET state = 'succeeded'::"BulkItemState", chekt_device_id = r.site, result = r.result,
        status_code = NULL, error_message = NULL, updated_at = now()
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(id text, site int, result jsonb)
      WHERE b.id = r.id AND ${unsettledSql("b")}
      RETURNING b.job_id)
    UPDATE bulk_jobs j SET succeeded = j.succeeded + s.n, updated_at = now()
    FROM (SELECT job_id, count(*)::int AS n FROM settled GROUP BY job_id) s
    WHERE j.id = s.job_id`;
}

type Waiting<T> = { value: T; resolve: () => void; reject: (e: unknown) => void };

/**
 * Group commit: the first record waits one turn of the event loop for company, then its batch is
 * written; whatever arrives meanwhile goes in the next one. Batches are written one at a time, in
 * arrival order, so a row's records land in the order it made them.
 */
class Batcher<T> {
  private queue: Waiting<T>[] = [];
  private running = false;

  constructor(
    private readonly write: (batch: T[]) => Promise<void>,
    private readonly max: number,
  ) {}

  add(value: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ value, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain() {
    this.running = true;
    try {
      await new Promise<void>((r) => setImmediate(r));
      while (this.queue.length) {
        const batch = this.queue.splice(0, this.max);
        try {
          await this.write(batch.map((b) => b.value));
          batch.forEach((b) => b.resolve());
        } catch (error) {
          if (batch.length === 1) {
            batch[0].reject(error);
            continue;
          }
          // One at a time, so only the one at fault fails.
          for (const b of batch) {
            try {
              await this.write([b.value]);
              b.resolve();
            } catch (e) {
              b.reject(e);
            }
          }
        }
      }
    } finally {
      this.running = false;
    }
  }
}

/** At most this many records in one statement (a few hundred kB of JSON). */
const MAX_BATCH = 200;

/** Rows about to be sent for the first time, marked "sending" (a later run knows they may have gone). */
export function sendingSql(itemIds: string[]): Prisma.Sql {
  return Prisma.sql`
    UPDATE bulk_items SET state = 'sending'::"BulkItemState", updated_at = now()
    WHERE id = ANY(${itemIds}::text[]) AND state = 'pending'::"BulkItemState"`;
}

export class ImportRecorder {
  private readonly records: Batcher<StepRecord>;
  private readonly settles: Batcher<Settle>;
  private readonly sending: Batcher<string>;

  constructor(db: PrismaClient, scope: Scope) {
    this.sending = new Batcher((ids) => db.$executeRaw(sendingSql(ids)).then(() => undefined), MAX_BATCH);
    this.records = new Batcher((batch) => db.$executeRaw(recordsSql(scope, batch)).then(() => undefined), MAX_BATCH);
    this.settles = new Batcher((batch) => db.$executeRaw(settleSql(batch)).then(() => undefined), MAX_BATCH);
  }

  /** Resolves once the row is marked "sending": only then may its first call go. */
  markSending(itemId: string): Promise<void> {
    return this.sending.add(itemId);
  }

  /** Resolves once the record is committed. */
  record(r: StepRecord): Promise<void> {
    return this.records.add(r);
  }

  /** Resolves once the row is settled; give it only after all the row's records resolved. */
  settle(s: Settle): Promise<void> {
    return this.settles.add(s);
  }
}
