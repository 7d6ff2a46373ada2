// Runs one device bulk job to the end, from wherever it stopped: the devices' adapter on the
// shared runner core (lib/jobs/item-runner.ts: lock, start, send loop, finish). What is its own is
// the chunk: up to CHEKT_MAX_BULK items in one request. Every chunk's Idempotency-Key is in
// Postgres before the chunk is sent, so after a timeout, a dropped connection or a crash the same
// chunk goes out again with the same key and CHeKT replays its first answer instead of creating
// twice. Results are applied once: the chunk's state change guards them.
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AuditLogRow } from "@/lib/audit";
import type { BulkAnswer, DeviceApi, ItemResult, UpdateInput } from "@/lib/chekt/api/devices";
import type { DeviceInput } from "@/lib/bulk/validate";
import { readStoredDevice } from "./device-payload";
import { recordItemResults, type Item, type Settled } from "./bulk-item-results";
import { json, jobUser, JobRunner, TX, type JobRow, type RunDeps, type RunOutcome } from "./item-runner";
import { UNSETTLED_ITEM_STATES } from "./item-states";

// Callers that knew these from here keep working.
export { KEY_LIFETIME_MS, RunAborted, type RunOutcome } from "./item-runner";

/** The run's deps (lib/jobs/item-runner.ts); past the key's lifetime a chunk is reconciled by listing first. */
export type RunnerDeps = RunDeps & {
  api: DeviceApi;
  /** CHEKT_MAX_BULK: items per request. */
  maxBulk: number;
};

type Job = JobRow;
type Chunk = {
  id: string;
  seq: number;
  idempotencyKey: string;
  state: string;
  attempts: number;
  firstSentAt: Date | null;
  traceIds: string[];
};
/** An item with the device its payload holds (create and update items). */
type DeviceItem = { item: Item; device: DeviceInput };

export function runBulkJob(jobId: string, deps: RunnerDeps): Promise<RunOutcome> {
  return new Runner(jobId, deps).run();
}

class Runner extends JobRunner<RunnerDeps> {
  private job!: Job;

  private get user() {
    return jobUser(this.job);
  }

  protected async work(job: JobRow) {
    const { db } = this.deps;
    this.job = job;

    // Chunks whose answer we never recorded go first, with their own key.
    const open = await db.bulkChunk.findMany({
      where: { jobId: job.id, state: { in: ["pending", "sent"] } },
      orderBy: { seq: "asc" },
    });
    for (const chunk of open) await this.processChunk(chunk);

    for (;;) {
      this.checkAbort();
      const chunk = await this.nextChunk();
      if (!chunk) break;
      await this.processChunk(chunk);
    }
  }

  protected closing(job: JobRow) {
    return {
      action: `devices.bulk.${job.kind}.finish`,
      noun: "items",
      shows: { siteId: job.chektSiteId, total: job.total },
    };
  }

  /**
   * Claims the next pending items into a new chunk; its key is stored before anything is sent.
   * Claims of one job take turns on its row: a second runner (one that lost the lock and has not
   * noticed yet) reads the items only after the first's claim is in, so no item is in two chunks
   * and no two chunks get one seq.
   */
  private async nextChunk(): Promise<Chunk | null> {
    const { db, maxBulk } = this.deps;
    return db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT 1 FROM bulk_jobs WHERE id = ${this.job.id} FOR UPDATE`;
      const items = await tx.bulkItem.findMany({
        where: { jobId: this.job.id, state: "pending", chunkId: null },
        orderBy: { position: "asc" },
        take: maxBulk,
        select: { id: true },
      });
      if (items.length === 0) return null;
      const last = await tx.bulkChunk.findFirst({
        where: { jobId: this.job.id },
        orderBy: { seq: "desc" },
        select: { seq: true },
      });
      const chunk = await tx.bulkChunk.create({
        data: { jobId: this.job.id, seq: (last?.seq ?? 0) + 1, idempotencyKey: randomUUID(), state: "pending" },
      });
      await tx.bulkItem.updateMany({
        where: { id: { in: items.map((i) => i.id) } },
        data: { chunkId: chunk.id, state: "sending" },
      });
      return chunk;
    }, TX);
  }

  private chunkItems(chunkId: string): Promise<Item[]> {
    return this.deps.db.bulkItem.findMany({
      where: { chunkId, state: { in: [...UNSETTLED_ITEM_STATES] } },
      orderBy: { position: "asc" },
      select: { id: true, position: true, externalDeviceId: true, chektDeviceId: true, payload: true },
    });
  }

  private async processChunk(initial: Chunk) {
    let chunk = initial;
    for (;;) {
      this.checkAbort();
      const items = await this.chunkItems(chunk.id);
      if (items.length === 0) {
        await this.closeChunk(chunk, "done", null);
        return;
      }
      const { devices, unreadable } = this.readDevices(items);
      if (unreadable.length) {
        // Never sent (nothing to send): those items fail on their own, the rest go without them.
        await this.deps.db.$transaction((tx) => this.recordItems(tx, unreadable, randomUUID()), TX);
        continue;
      }
      const keyLapsed = chunk.firstSentAt !== null && Date.now() - chunk.firstSentAt.getTime() > this.keyLifetimeMs;
      if (keyLapsed) {
        chunk = await this.reconcile(chunk, items, "key older than CHeKT keeps it");
        continue;
      }

      const sent = await this.sendChunk(chunk, items, devices);
      chunk = sent.chunk;
      const { r, traceId } = sent;
      if (r.ok) {
        await this.applyAnswer(chunk, items, r.value, traceId);
        return;
      }
      const f = r.failure;
      if (f.type === "conflict") {
        chunk = await this.reconcile(chunk, items, f.message);
        continue;
      }
      // CHeKT refused the whole request: every item in it failed with that status.
      const refused: ItemResult[] = items.map(() => ({ ok: false, statusCode: f.status, message: f.message }));
      await this.applyResults(chunk, items, refused, traceId, true, false);
      return;
    }
  }

  /** Sends the chunk until CHeKT answers for sure; returns its answer (or refusal) and the chunk as last stored. */
  private async sendChunk(initial: Chunk, items: Item[], devices: DeviceItem[]) {
    let chunk = initial;
    let traceId = "";
    const r = await this.sendUntilAnswered(
      `chunk ${chunk.seq}`,
      async () => {
        // Each attempt is on the chunk before it goes: a crash after it resends with the same key.
        traceId = randomUUID();
        const now = new Date();
        chunk = await this.deps.db.bulkChunk.update({
          where: { id: chunk.id },
          data: {
            state: "sent",
            attempts: { increment: 1 },
            firstSentAt: chunk.firstSentAt ?? now,
            lastSentAt: now,
            traceIds: { push: traceId },
          },
        });
        return this.send(items, devices, chunk.idempotencyKey, traceId);
      },
      async (f) => {
        await this.deps.db.bulkChunk.update({
          where: { id: chunk.id },
          data: { lastError: `${f.type}: ${f.message}`.slice(0, 1000) },
        });
      },
    );
    return { r, chunk, traceId };
  }

  /** CHeKT's answer to the chunk; a resend's 409s that are our own first send's devices count as created. */
  private async applyAnswer(chunk: Chunk, items: Item[], answer: BulkAnswer, traceId: string) {
    const resent = chunk.attempts > 1 || answer.attempts > 1;
    const results = await this.settleDuplicatesOfOurOwn(resent, items, answer.results);
    await this.applyResults(chunk, items, results, answer.traceId ?? traceId, false, resent);
  }

  /** Create and update items' stored devices, read with zod; one that does not read fails its item (422). */
  private readDevices(items: Item[]): { devices: DeviceItem[]; unreadable: Settled[] } {
    const devices: DeviceItem[] = [];
    const unreadable: Settled[] = [];
    if (this.job.kind === "delete") return { devices, unreadable };
    for (const item of items) {
      const stored = readStoredDevice(item.payload);
      if (stored.ok) devices.push({ item, device: stored.device });
      else unreadable.push({ item, result: { ok: false, statusCode: 422, message: stored.message } });
    }
    return { devices, unreadable };
  }

  private send(items: Item[], devices: DeviceItem[], idempotencyKey: string, traceId: string): Promise<BulkAnswer> {
    const { api } = this.deps;
    const dealerId = this.job.dealerLink.chektDealerId;
    const siteId = this.job.chektSiteId;
    // Bulk jobs spend the budget's bulk class: they leave a quarter of it for answers and people.
    const opts = { idempotencyKey, traceId, signal: this.deps.signal, budgetClass: "bulk" as const };
    switch (this.job.kind) {
      case "create":
        return api.create(
          dealerId,
          siteId,
          devices.map((d) => d.device),
          opts,
        );
      case "update":
        return api.update(
          dealerId,
          siteId,
          devices.map(({ item, device }): UpdateInput => ({ ...device, device_id: item.chektDeviceId! })),
          opts,
        );
      case "delete":
        return api.remove(
          dealerId,
          siteId,
          items.map((i) => i.chektDeviceId!),
          opts,
        );
    }
  }

  /**
   * A resent create can race the first send when that one was slow rather than lost: CHeKT then
   * answers 409 "already exists" for devices our first send created. After we validated that the
   * IDs were free, a device with the same external ID on this site is ours: settle it as created.
   */
  private async settleDuplicatesOfOurOwn(resent: boolean, items: Item[], results: ItemResult[]): Promise<ItemResult[]> {
    if (this.job.kind !== "create" || !resent) return results;
    if (!results.some((r) => !r.ok && r.statusCode === 409)) return results;
    const devices = await this.deps.api.list(this.job.dealerLink.chektDealerId, this.job.chektSiteId, {
      signal: this.deps.signal,
      budgetClass: "bulk",
    });
    this.checkAbort();
    const byExt = new Map(devices.map((d) => [d.external_device_id, d]));
    return results.map((r, i) => {
      if (r.ok || r.statusCode !== 409) return r;
      const d = items[i]?.externalDeviceId ? byExt.get(items[i].externalDeviceId!) : undefined;
      return d ? { ok: true, device: d } : r;
    });
  }

  /**
   * The key can no longer be trusted (lapsed, or bound to another body): look at what CHeKT has,
   * settle the items it shows are already done, and give the rest a fresh key.
   */
  private async reconcile(chunk: Chunk, items: Item[], why: string): Promise<Chunk> {
    const { db, api } = this.deps;
    const traceId = randomUUID();
    const devices = await api.list(this.job.dealerLink.chektDealerId, this.job.chektSiteId, {
      traceId,
      signal: this.deps.signal,
      budgetClass: "bulk",
    });
    this.checkAbort();
    const done: Settled[] = [];
    if (this.job.kind === "create") {
      const byExt = new Map(devices.map((d) => [d.external_device_id, d]));
      for (const item of items) {
        const d = item.externalDeviceId ? byExt.get(item.externalDeviceId) : undefined;
        if (d) done.push({ item, result: { ok: true, device: d } });
      }
    } else if (this.job.kind === "delete") {
      const present = new Set(devices.map((d) => d.device_id));
      for (const item of items) if (!present.has(item.chektDeviceId!)) done.push({ item, result: { ok: true } });
    }
    // Updates carry the full intended values, so sending them again is harmless.
    return db.$transaction(async (tx) => {
      if (done.length) await this.recordItems(tx, done, traceId);
      const next = await tx.bulkChunk.update({
        where: { id: chunk.id },
        data: {
          idempotencyKey: randomUUID(),
          firstSentAt: null,
          traceIds: { push: traceId },
          lastError: `reconciled: ${why}`.slice(0, 1000),
        },
      });
      await this.chunkAudit(tx, chunk, "reconcile", traceId, {
        outcome: "success",
        after: {
          reason: why,
          settledFromListing: done.length,
          oldKey: chunk.idempotencyKey,
          newKey: next.idempotencyKey,
        },
      });
      return next;
    }, TX);
  }

  /** The audit row of one step of a chunk ("chunk": its answer, "reconcile": resent under a new key). */
  private chunkAudit(
    tx: Prisma.TransactionClient,
    chunk: Chunk,
    step: "chunk" | "reconcile",
    traceId: string,
    entry: { outcome: "success" | "failure"; error?: string | null; after: Record<string, unknown> },
  ) {
    return tx.auditLog.create({
      data: {
        action: `devices.bulk.${this.job.kind}.${step}`,
        objectKind: "bulk_chunk",
        externalId: chunk.id,
        dealerLinkId: this.job.dealerLinkId,
        traceId,
        outcome: entry.outcome,
        error: entry.error ?? null,
        after: json({ jobId: this.job.id, seq: chunk.seq, ...entry.after }),
        userId: this.user?.id ?? null,
        userEmail: this.user?.email ?? null,
      } satisfies AuditLogRow,
    });
  }

  /** Writes item results, mappings, counts and audit rows; exactly once per chunk answer. */
  private async applyResults(
    chunk: Chunk,
    items: Item[],
    results: ItemResult[],
    traceId: string,
    wholeRejected: boolean,
    resend: boolean,
  ) {
    const pairs = items.map((item, i) => {
      let result = results[i] ?? { ok: false as const, statusCode: 502, message: "No result for this item" };
      // A resent delete that finds the device gone: our first send deleted it.
      if (this.job.kind === "delete" && resend && !result.ok && result.statusCode === 404) result = { ok: true };
      return { item, result };
    });
    const succeeded = pairs.filter((p) => p.result.ok).length;
    await this.deps.db.$transaction(async (tx) => {
      const claimed = await tx.bulkChunk.updateMany({
        where: { id: chunk.id, state: { in: ["pending", "sent"] } },
        data: { state: wholeRejected ? "failed" : "done" },
      });
      if (claimed.count !== 1) return; // another runner recorded this answer already
      await this.recordItems(tx, pairs, traceId);
      await this.chunkAudit(tx, chunk, "chunk", traceId, {
        outcome: succeeded === pairs.length ? "success" : "failure",
        error: succeeded === pairs.length ? null : `${pairs.length - succeeded} of ${pairs.length} items failed`,
        after: {
          items: pairs.length,
          succeeded,
          failed: pairs.length - succeeded,
          attempts: chunk.attempts,
          idempotencyKey: chunk.idempotencyKey,
          traceIds: [...chunk.traceIds],
        },
      });
    }, TX);
    this.deps.log?.(`chunk ${chunk.seq}: ${succeeded}/${pairs.length} succeeded`);
  }

  private recordItems(tx: Prisma.TransactionClient, pairs: Settled[], traceId: string) {
    return recordItemResults(tx, this.job, this.user, pairs, traceId);
  }

  private async closeChunk(chunk: Chunk, state: "done" | "failed", error: string | null) {
    await this.deps.db.bulkChunk.updateMany({
      where: { id: chunk.id, state: { in: ["pending", "sent"] } },
      data: { state, lastError: error },
    });
  }
}
