// A device bulk chunk's item results (bulk-runner.ts), in one statement per kind of write whatever
// the chunk size: a 100-item chunk stays a handful of round trips, so the transaction stays short
// even on a loaded database.
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AuditLogRow } from "@/lib/audit";
import type { ItemResult } from "@/lib/chekt/api/devices";
import { devicesWriteSql } from "@/lib/mirror/batch";
import { forgetDevices } from "@/lib/mirror/devices";
import { json, type jobUser, type JobRow } from "./item-runner";

type Tx = Prisma.TransactionClient;

export type Item = {
  id: string;
  position: number;
  externalDeviceId: string | null;
  chektDeviceId: number | null;
  payload: Prisma.JsonValue;
};
/** An item with CHeKT's verdict on it. */
export type Settled = { item: Item; result: ItemResult };

/** Writes item states, the mirror and mappings (write-through), the job's counts and an audit row per item. */
export async function recordItemResults(
  tx: Tx,
  job: JobRow,
  user: ReturnType<typeof jobUser>,
  pairs: Settled[],
  traceId: string,
) {
  await writeItemStates(tx, pairs);
  const succeeded = pairs.filter((p) => p.result.ok);
  // Write-through: the mirror takes exactly what CHeKT accepted, in this transaction, so a
  // recorded result and the mirror never disagree (docs/mirror.md).
  if (job.kind === "delete") await forgetDeleted(tx, job.dealerLinkId, succeeded);
  else await mirrorAccepted(tx, job, succeeded);
  await tx.bulkJob.update({
    where: { id: job.id },
    data: { succeeded: { increment: succeeded.length }, failed: { increment: pairs.length - succeeded.length } },
  });
  await tx.auditLog.createMany({ data: pairs.map((pair) => itemAuditRow(job, user, pair, traceId)) });
}

/** An item's row as bulk_items keeps it: CHeKT's device on success, its status and message on failure. */
function itemState({ item, result }: Settled) {
  return result.ok
    ? {
        id: item.id,
        state: "succeeded",
        chekt_device_id: result.device?.device_id ?? item.chektDeviceId,
        result: result.device ?? null,
        status_code: null,
        error_message: null,
      }
    : {
        id: item.id,
        state: "failed",
        chekt_device_id: null,
        result: null,
        status_code: result.statusCode,
        error_message: result.message.slice(0, 2000),
      };
}

async function writeItemStates(tx: Tx, pairs: Settled[]) {
  await tx.$executeRaw`
    UPDATE bulk_items b SET
      state = r.state::"BulkItemState",
      chekt_device_id = COALESCE(r.chekt_device_id, b.chekt_device_id),
      result = COALESCE(r.result, b.result),
      status_code = r.status_code,
      error_message = r.error_message,
      updated_at = now()
    FROM jsonb_to_recordset(${JSON.stringify(pairs.map(itemState))}::jsonb)
      AS r(id text, state text, chekt_device_id int, result jsonb, status_code int, error_message text)
    WHERE b.id = r.id`;
}

async function forgetDeleted(tx: Tx, dealerLinkId: string, succeeded: Settled[]) {
  const goneIds = succeeded.map((p) => p.item.chektDeviceId).filter((x): x is number => x != null);
  const gone = goneIds.map(String);
  if (gone.length)
    await tx.externalIdMapping.deleteMany({ where: { dealerLinkId, kind: "device", chektId: { in: gone } } });
  await forgetDevices(tx, dealerLinkId, goneIds);
}

async function mirrorAccepted(tx: Tx, job: JobRow, succeeded: Settled[]) {
  const answered = succeeded.flatMap(({ result }) => (result.ok && result.device ? [result.device] : []));
  // One statement for the whole chunk: a 100-item chunk must not become 300 round trips in the runner's transaction.
  if (answered.length) await tx.$executeRaw(devicesWriteSql(job.dealerLinkId, job.chektSiteId, answered));
  const maps = mappingRows(succeeded);
  if (maps.length) await upsertDeviceMappings(tx, job.dealerLinkId, String(job.chektSiteId), maps);
}

type MappingRow = { id: string; chekt_id: string; external_id: string };

/** The external-ID mapping of every succeeded item that has both ids. */
function mappingRows(succeeded: Settled[]): MappingRow[] {
  const maps: MappingRow[] = [];
  for (const { item, result } of succeeded) {
    const device = result.ok ? result.device : undefined;
    const chektId = device?.device_id ?? item.chektDeviceId;
    const externalId = item.externalDeviceId ?? device?.external_device_id;
    if (chektId != null && externalId)
      maps.push({ id: randomUUID(), chekt_id: String(chektId), external_id: externalId });
  }
  return maps;
}

async function upsertDeviceMappings(tx: Tx, dealerLinkId: string, siteId: string, maps: MappingRow[]) {
  const rows = JSON.stringify(maps);
  // A stale row for the same CHeKT id under another external id would break the unique pair.
  await tx.$executeRaw`
    DELETE FROM external_id_mappings m
    USING jsonb_to_recordset(${rows}::jsonb) AS r(chekt_id text, external_id text)
    WHERE m.dealer_link_id = ${dealerLinkId} AND m.kind = 'device'::"MappingKind"
      AND m.chekt_id = r.chekt_id AND m.external_id <> r.external_id`;
  await tx.$executeRaw`
    INSERT INTO external_id_mappings (id, dealer_link_id, kind, chekt_id, external_id, parent_chekt_id,
      updated_at)
    SELECT r.id, ${dealerLinkId}, 'device'::"MappingKind", r.chekt_id, r.external_id, ${siteId}, now()
    FROM jsonb_to_recordset(${rows}::jsonb) AS r(id text, chekt_id text, external_id text)
    ON CONFLICT (dealer_link_id, kind, external_id)
    DO UPDATE SET chekt_id = EXCLUDED.chekt_id, parent_chekt_id = EXCLUDED.parent_chekt_id, updated_at = now()`;
}

/** The device an item's audit row names: CHeKT's id from its answer, else the one the item held. */
function auditChektId({ item, result }: Settled): string | null {
  if (result.ok) return String(result.device?.device_id ?? item.chektDeviceId ?? "") || null;
  return item.chektDeviceId != null ? String(item.chektDeviceId) : null;
}

function itemAuditRow(job: JobRow, user: ReturnType<typeof jobUser>, pair: Settled, traceId: string): AuditLogRow {
  const { item, result } = pair;
  return {
    action: `devices.bulk.${job.kind}.item`,
    objectKind: "device",
    chektId: auditChektId(pair),
    externalId: item.externalDeviceId,
    dealerLinkId: job.dealerLinkId,
    traceId,
    outcome: result.ok ? "success" : "failure",
    error: result.ok ? null : `${result.statusCode}: ${result.message}`.slice(0, 2000),
    after: json({ jobId: job.id, position: item.position }),
    userId: user?.id ?? null,
    userEmail: user?.email ?? null,
  };
}
