// Runs one site import (a bulk job of entity "sites") to the end, from wherever it stopped. Each
// item is one sheet row: create the site, then each contact, then set its arming type. Every step
// has its own Idempotency-Key, stored in the item when the job was submitted (lib/import/jobs.ts),
// and every accepted step is recorded (item progress, mirror, mapping, audit row) before the next
// one is sent. So after a timeout, a dropped answer or a crash, a step goes again with the same
// key and CHeKT replays its first answer: a site or contact is never created twice.
import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { Sent, SiteImportApi } from "@/lib/chekt/api/site-import";
import { readPayload, readProgress, type ImportProgress } from "@/lib/import/jobs";
import { mirrorArming, mirrorContact, mirrorSite } from "@/lib/mirror/write";
import type { ResponseContactDto, ResponseSiteBasicDto, SecurityTypeDto } from "@/lib/schemas/contract";
import { KEY_LIFETIME_MS, RunAborted, type RunOutcome } from "./bulk-runner";
import { classifyFailure } from "./errors";
import type { JobLock } from "./lock";

export type SiteImportDeps = {
  db: PrismaClient;
  api: SiteImportApi;
  lock?: JobLock;
  signal?: AbortSignal;
  /** Rows worked on at once; the CHeKT client's rate limiter paces the calls themselves. */
  concurrency?: number;
  /** Consecutive unknown outcomes for one step before the run gives up (the queue retries later). */
  maxUnknownAttempts?: number;
  /** How long CHeKT keeps an Idempotency-Key; an older key is looked behind before resending. */
  keyLifetimeMs?: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  log?: (message: string) => void;
};

const TX = { timeout: 60_000, maxWait: 20_000 };

type Job = {
  id: string;
  dealerLinkId: string;
  chektDealerId: number;
  user: { id: string; email: string } | null;
  /** The keys were made when the job was stored (lib/import/jobs.ts). */
  keysMadeAt: Date;
};
type Item = {
  id: string;
  position: number;
  state: string;
  externalDeviceId: string | null;
  payload: Prisma.JsonValue;
  result: Prisma.JsonValue;
};
type StepResult<T> = { ok: true; sent: Sent<T> } | { ok: false; status: number; message: string };

function defaultSleep(ms: number, signal?: AbortSignal) {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(new RunAborted());
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(t), reject(new RunAborted())), { once: true });
  });
}

function json(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value ?? null));
}

async function upsertMapping(
  tx: Prisma.TransactionClient,
  dealerLinkId: string,
  kind: "site" | "contact",
  chektId: number,
  externalId: string,
  parent?: number,
) {
  const parentChektId = parent === undefined ? null : String(parent);
  await tx.externalIdMapping.upsert({
    where: { dealerLinkId_kind_chektId: { dealerLinkId, kind, chektId: String(chektId) } },
    create: { dealerLinkId, kind, chektId: String(chektId), externalId, parentChektId },
    update: { externalId, parentChektId },
  });
}

export async function runSiteImportJob(jobId: string, deps: SiteImportDeps): Promise<RunOutcome> {
  const release = deps.lock ? await deps.lock(jobId) : async () => undefined;
  if (!release) return "busy";
  try {
    return await new ImportRunner(jobId, deps).run();
  } finally {
    await release();
  }
}

class ImportRunner {
  private readonly sleep: NonNullable<SiteImportDeps["sleep"]>;
  private job!: Job;

  constructor(
    private readonly jobId: string,
    private readonly deps: SiteImportDeps,
  ) {
    this.sleep = deps.sleep ?? defaultSleep;
    this.now = deps.now ?? Date.now;
    this.keyLifetimeMs = deps.keyLifetimeMs ?? KEY_LIFETIME_MS;
  }

  private readonly now: () => number;
  private readonly keyLifetimeMs: number;

  private checkAbort() {
    if (this.deps.signal?.aborted) throw new RunAborted();
  }

  async run(): Promise<RunOutcome> {
    const { db } = this.deps;
    const row = await db.bulkJob.findUnique({
      where: { id: this.jobId },
      include: { dealerLink: { select: { chektDealerId: true } } },
    });
    if (!row) return "missing";
    if (row.state === "done" || row.state === "failed" || row.state === "cancelled") return "already-final";
    this.job = {
      id: row.id,
      dealerLinkId: row.dealerLinkId,
      chektDealerId: row.dealerLink.chektDealerId,
      user: row.createdById ? { id: row.createdById, email: row.createdByEmail ?? "" } : null,
      keysMadeAt: row.createdAt,
    };
    if (row.state === "queued")
      await db.bulkJob.update({
        where: { id: row.id },
        data: { state: "running", startedAt: row.startedAt ?? new Date() },
      });

    const width = Math.max(1, this.deps.concurrency ?? 4);
    for (;;) {
      this.checkAbort();
      const batch = await db.bulkItem.findMany({
        where: { jobId: row.id, state: { in: ["pending", "sending"] } },
        orderBy: { position: "asc" },
        take: 100,
        select: { id: true, position: true, state: true, externalDeviceId: true, payload: true, result: true },
      });
      if (batch.length === 0) break;
      let next = 0;
      const lane = async () => {
        while (next < batch.length) await this.processItem(batch[next++]);
      };
      await Promise.all(Array.from({ length: Math.min(width, batch.length) }, lane));
    }
    await this.finish();
    return "finished";
  }

  /** Sends one step until CHeKT answers for sure: waits out 429s, resends unknown outcomes with the same key. */
  private async step<T>(
    what: string,
    send: (traceId: string) => Promise<Sent<T>>,
  ): Promise<StepResult<T> & { resent: boolean }> {
    let unknownInARow = 0;
    for (;;) {
      this.checkAbort();
      try {
        const sent = await send(randomUUID());
        // Crash simulation point: CHeKT applied the step, nothing of it is recorded yet.
        this.checkAbort();
        return { ok: true, sent, resent: unknownInARow > 0 || sent.attempts > 1 };
      } catch (error) {
        if (error instanceof RunAborted) throw error;
        this.checkAbort();
        const f = classifyFailure(error);
        if (f.type === "rate") {
          this.deps.log?.(`${what}: rate limited, waiting ${f.waitS}s`);
          await this.sleep(f.waitS * 1000, this.deps.signal);
          continue;
        }
        if (f.type === "unknown") {
          unknownInARow++;
          this.deps.log?.(`${what}: outcome unknown (${f.message}), resending with the same key`);
          if (unknownInARow >= (this.deps.maxUnknownAttempts ?? 8))
            throw new Error(`${what}: ${unknownInARow} unknown outcomes in a row; will resume later`);
          await this.sleep(Math.min(250 * 2 ** unknownInARow, 15_000), this.deps.signal);
          continue;
        }
        const status = f.type === "conflict" ? 409 : f.status;
        return { ok: false, status, message: f.message, resent: unknownInARow > 0 };
      }
    }
  }

  private async processItem(item: Item) {
    const { db, api } = this.deps;
    const p = readPayload(item.payload);
    const progress = readProgress(item.result);
    // Sent before if a run stopped while the row was "sending": a 409 may then be our own create.
    const maybeSentBefore = item.state === "sending";
    if (item.state === "pending")
      await db.bulkItem.updateMany({ where: { id: item.id, state: "pending" }, data: { state: "sending" } });
    const dealerId = this.job.chektDealerId;
    const failures: string[] = [];
    let status = 0;

    let siteId = progress.siteId ?? p.existingSiteId;
    if (siteId === undefined) {
      const r = await this.step(`row ${item.position + 1} site`, (traceId) =>
        api.createSite(dealerId, p.site, {
          idempotencyKey: p.keys.site,
          traceId,
          budgetClass: "bulk",
          signal: this.deps.signal,
        }),
      );
      let site: ResponseSiteBasicDto | undefined = r.ok ? r.sent.data : undefined;
      let traceId = r.ok ? r.sent.traceId : randomUUID();
      if (!r.ok && r.status === 409 && (maybeSentBefore || r.resent)) {
        // Our own earlier send whose key CHeKT no longer replays: the site is there, with our ID.
        traceId = randomUUID();
        const found = await api.findSite(dealerId, p.site.external_site_id, {
          traceId,
          budgetClass: "bulk",
          signal: this.deps.signal,
        });
        if (found && found.name === p.site.name) site = found;
      }
      if (!site) {
        const failed = r.ok ? { status: 502, message: "CHeKT answered without the site" } : r;
        await this.recordFailure(item, progress, failed.status, `Site not created: ${failed.message}`);
        return;
      }
      siteId = site.site_id;
      progress.siteId = siteId;
      const created = site;
      await this.record(item, progress, traceId, async (tx) => {
        await mirrorSite(tx, this.job.dealerLinkId, created, { how: "write" });
        await upsertMapping(tx, this.job.dealerLinkId, "site", created.site_id, created.external_site_id);
        return {
          action: "sites.import.site",
          objectKind: "site",
          chektId: String(created.site_id),
          externalId: created.external_site_id,
          after: created,
        };
      });
    }

    // Sent before under a key CHeKT may have forgotten: a resend would be a new create, so what
    // CHeKT already holds under the row's contact IDs is looked up first (one listing per row).
    const keyLapsed = maybeSentBefore && this.now() - this.job.keysMadeAt.getTime() > this.keyLifetimeMs;
    let listed: { traceId: string; contacts: ResponseContactDto[] } | undefined;
    const lookUp = async () => {
      if (listed) return listed;
      const traceId = randomUUID();
      const contacts = await api.listContacts(dealerId, siteId!, {
        traceId,
        budgetClass: "bulk",
        signal: this.deps.signal,
      });
      this.checkAbort();
      listed = { traceId, contacts };
      return listed;
    };
    /** CHeKT's contact under this external ID, when it is the one this row sent (same name). */
    const ours = (l: NonNullable<typeof listed>, c: (typeof p.contacts)[number]) =>
      l.contacts.find(
        (x) =>
          x.external_contact_id === c.external_contact_id &&
          x.first_name === c.first_name &&
          x.last_name === c.last_name,
      );

    for (let i = 0; i < p.contacts.length; i++) {
      if (progress.contactIds[i]) continue;
      const contact = p.contacts[i];
      const sid = siteId;
      let accepted: { dto: ResponseContactDto; traceId: string } | undefined;
      if (keyLapsed) {
        const l = await lookUp();
        const found = ours(l, contact);
        if (found) accepted = { dto: found, traceId: l.traceId };
      }
      if (!accepted) {
        const r = await this.step(`row ${item.position + 1} contact ${i + 1}`, (traceId) =>
          api.createContact(dealerId, sid, contact, {
            idempotencyKey: p.keys.contacts[i],
            traceId,
            budgetClass: "bulk",
            signal: this.deps.signal,
          }),
        );
        if (r.ok) accepted = { dto: r.sent.data, traceId: r.sent.traceId };
        else if (r.status === 409 && (maybeSentBefore || r.resent)) {
          // Our own earlier send whose key CHeKT no longer replays: the contact is there, with our ID.
          listed = undefined;
          const l = await lookUp();
          const found = ours(l, contact);
          if (found) accepted = { dto: found, traceId: l.traceId };
        }
        if (!accepted) {
          const failed = r.ok ? { status: 502, message: "CHeKT answered without the contact" } : r;
          status ||= failed.status;
          failures.push(`contact ${contact.first_name} ${contact.last_name}: ${failed.message}`);
          continue;
        }
      }
      const { dto } = accepted;
      progress.contactIds[i] = dto.contact_id;
      await this.record(item, progress, accepted.traceId, async (tx) => {
        await mirrorContact(tx, this.job.dealerLinkId, sid, dto, { how: "write" });
        await upsertMapping(tx, this.job.dealerLinkId, "contact", dto.contact_id, dto.external_contact_id, sid);
        return {
          action: "sites.import.contact",
          objectKind: "contact",
          chektId: String(dto.contact_id),
          externalId: dto.external_contact_id,
          after: dto,
        };
      });
    }

    if (p.securityType && !progress.armingDone) {
      const sid = siteId;
      const securityType: SecurityTypeDto = p.securityType;
      const r = await this.step(`row ${item.position + 1} arming`, (traceId) =>
        api.setArming(dealerId, sid, securityType, {
          idempotencyKey: p.keys.arming,
          traceId,
          budgetClass: "bulk",
          signal: this.deps.signal,
        }),
      );
      if (!r.ok) {
        status ||= r.status;
        failures.push(`arming type: ${r.message}`);
      } else {
        progress.armingDone = true;
        const dto = r.sent.data;
        await this.record(item, progress, r.sent.traceId, async (tx) => {
          await mirrorArming(tx, this.job.dealerLinkId, dto);
          return {
            action: "sites.import.arming",
            objectKind: "site",
            chektId: String(sid),
            externalId: p.site.external_site_id,
            after: dto,
          };
        });
      }
    }

    if (failures.length) {
      await this.recordFailure(item, progress, status, `Site #${siteId} is in CHeKT, but ${failures.join("; ")}`);
      return;
    }
    await db.$transaction(async (tx) => {
      const claimed = await tx.bulkItem.updateMany({
        where: { id: item.id, state: { in: ["pending", "sending"] } },
        data: {
          state: "succeeded",
          chektDeviceId: siteId ?? null,
          result: json(progress),
          statusCode: null,
          errorMessage: null,
        },
      });
      if (claimed.count === 1)
        await tx.bulkJob.update({ where: { id: this.job.id }, data: { succeeded: { increment: 1 } } });
    }, TX);
  }

  /** One accepted step: the row's progress, the mirror, the mapping and the audit row together. */
  private async record(
    item: Item,
    progress: ImportProgress,
    traceId: string,
    write: (
      tx: Prisma.TransactionClient,
    ) => Promise<{ action: string; objectKind: string; chektId: string; externalId: string; after: unknown }>,
  ) {
    await this.deps.db.$transaction(async (tx) => {
      await tx.bulkItem.update({
        where: { id: item.id },
        data: { result: json(progress), chektDeviceId: progress.siteId ?? null },
      });
      const a = await write(tx);
      await tx.auditLog.create({
        data: {
          action: a.action,
          objectKind: a.objectKind,
          chektId: a.chektId,
          externalId: a.externalId,
          dealerLinkId: this.job.dealerLinkId,
          traceId,
          outcome: "success",
          after: json({ jobId: this.job.id, position: item.position, dto: a.after }),
          userId: this.job.user?.id ?? null,
          userEmail: this.job.user?.email ?? null,
        },
      });
    }, TX);
  }

  private async recordFailure(item: Item, progress: ImportProgress, status: number, message: string) {
    await this.deps.db.$transaction(async (tx) => {
      const claimed = await tx.bulkItem.updateMany({
        where: { id: item.id, state: { in: ["pending", "sending"] } },
        data: {
          state: "failed",
          result: json(progress),
          chektDeviceId: progress.siteId ?? null,
          statusCode: status || null,
          errorMessage: message.slice(0, 2000),
        },
      });
      if (claimed.count !== 1) return;
      await tx.bulkJob.update({ where: { id: this.job.id }, data: { failed: { increment: 1 } } });
      await tx.auditLog.create({
        data: {
          action: "sites.import.item",
          objectKind: "site",
          chektId: progress.siteId ? String(progress.siteId) : null,
          externalId: item.externalDeviceId,
          dealerLinkId: this.job.dealerLinkId,
          traceId: randomUUID(),
          outcome: "failure",
          error: `${status}: ${message}`.slice(0, 2000),
          after: json({ jobId: this.job.id, position: item.position, progress }),
          userId: this.job.user?.id ?? null,
          userEmail: this.job.user?.email ?? null,
        },
      });
    }, TX);
    this.deps.log?.(`row ${item.position + 1}: ${message}`);
  }

  private async finish() {
    await this.deps.db.$transaction(async (tx) => {
      const remaining = await tx.bulkItem.count({
        where: { jobId: this.job.id, state: { in: ["pending", "sending"] } },
      });
      if (remaining > 0) return;
      const [succeeded, failed] = await Promise.all([
        tx.bulkItem.count({ where: { jobId: this.job.id, state: "succeeded" } }),
        tx.bulkItem.count({ where: { jobId: this.job.id, state: "failed" } }),
      ]);
      const claimed = await tx.bulkJob.updateMany({
        where: { id: this.job.id, state: { in: ["queued", "running"] } },
        data: { state: "done", finishedAt: new Date(), succeeded, failed },
      });
      if (claimed.count !== 1) return;
      await tx.auditLog.create({
        data: {
          action: "sites.import.finish",
          objectKind: "bulk_job",
          externalId: this.job.id,
          dealerLinkId: this.job.dealerLinkId,
          outcome: failed === 0 ? "success" : "failure",
          error: failed === 0 ? null : `${failed} of ${succeeded + failed} rows failed`,
          after: json({ jobId: this.job.id, succeeded, failed }),
          userId: this.job.user?.id ?? null,
          userEmail: this.job.user?.email ?? null,
        },
      });
    }, TX);
  }
}
