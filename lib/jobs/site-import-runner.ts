// Runs one site import (a bulk job of entity "sites") to the end, from wherever it stopped: the
// site import's adapter on the shared runner core (lib/jobs/item-runner.ts). Each item is one
// sheet row: create the site, then each contact, then set its arming type. Every step has its own
// Idempotency-Key, stored in the item when the job was submitted (lib/import/jobs.ts), so after a
// timeout, a dropped answer or a crash a step goes again with the same key and CHeKT replays its
// first answer: a site or contact is never created twice. A key CHeKT may have forgotten (older
// than KEY_LIFETIME_MS) is not trusted: what CHeKT holds under the row's IDs is looked up first.
//
// Each accepted step is recorded (item progress, mirror, mapping, audit row) while the row's next
// call is already on its way: the call waits on CHeKT's rate limit and the record on Postgres, and
// neither needs the other (the next call needs only the site ID from the answer). Records of all
// rows go to Postgres together, a batch per statement (lib/jobs/import-recorder.ts), so a job's
// pace is CHeKT's budget, not Postgres round trips. A row is settled only after all its records.
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AuditLogRow } from "@/lib/audit";
import type { Sent, SiteImportApi } from "@/lib/chekt/api/site-import";
import { readPayload, readProgress, type ImportPayload, type ImportProgress } from "@/lib/import/jobs";
import type { ResponseContactDto, ResponseSiteBasicDto, SecurityTypeDto } from "@/lib/schemas/contract";
import { json, jobUser, JobRunner, runLanes, TX, type JobRow, type RunDeps, type RunOutcome } from "./item-runner";
import { ImportRecorder, type StepRecord } from "./import-recorder";
import { UNSETTLED_ITEM_STATES } from "./item-states";

/** The run's deps (lib/jobs/item-runner.ts); a step sent under a key older than its lifetime is looked behind first. */
export type SiteImportDeps = RunDeps & {
  api: SiteImportApi;
  /**
   * Rows worked on at once. The CHeKT client's budget paces the calls themselves; lanes only have
   * to cover each row's wait on Postgres, so more of them cost a few idle promises, not calls.
   */
  concurrency?: number;
  now?: () => number;
};

/** Rows at once unless the worker says otherwise. */
export const IMPORT_LANES = 8;
/** Items read per page; lanes take the next page while the last rows of this one finish. */
const PAGE = 200;

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
type StepResult<T> =
  { ok: true; sent: Sent<T>; resent: boolean } | { ok: false; status: number; message: string; resent: boolean };
/** What a step changes on our side, less what every record of the row has (lib/jobs/import-recorder.ts). */
type StepWrite = Pick<StepRecord, "write" | "mapping"> & { audit: Omit<StepRecord["audit"], "traceId"> };
type RecordStep = (traceId: string, step: StepWrite) => void;
/** One sheet row as every step sees it: the item, what it sends, how far it got, and how a step is recorded. */
type Row = { item: Item; p: ImportPayload; progress: ImportProgress; record: RecordStep };
/** What CHeKT answered to a step it refused. */
type Refusal = { status: number; message: string };

export function runSiteImportJob(jobId: string, deps: SiteImportDeps): Promise<RunOutcome> {
  return new ImportRunner(jobId, deps).run();
}

class ImportRunner extends JobRunner<SiteImportDeps> {
  private readonly now = this.deps.now ?? Date.now;
  private job!: Job;
  private recorder!: ImportRecorder;

  protected async work(row: JobRow) {
    const { db } = this.deps;
    this.job = {
      id: row.id,
      dealerLinkId: row.dealerLinkId,
      chektDealerId: row.dealerLink.chektDealerId,
      user: jobUser(row),
      keysMadeAt: row.createdAt,
    };
    this.recorder = new ImportRecorder(db, { dealerLinkId: row.dealerLinkId, user: this.job.user });
    await runLanes<Item>(
      (after) =>
        db.bulkItem.findMany({
          where: {
            jobId: row.id,
            state: { in: [...UNSETTLED_ITEM_STATES] },
            ...(after ? { position: { gt: after.position } } : {}),
            // A job closed under the runner (cancelled) stops at the next page.
            job: { state: "running" },
          },
          orderBy: { position: "asc" },
          take: PAGE,
          select: { id: true, position: true, state: true, externalDeviceId: true, payload: true, result: true },
        }),
      this.deps.concurrency ?? IMPORT_LANES,
      (item) => this.processItem(item),
      this.deps.signal,
    );
  }

  protected closing() {
    return { action: "sites.import.finish", noun: "rows" };
  }

  private async step<T>(what: string, send: (traceId: string) => Promise<Sent<T>>): Promise<StepResult<T>> {
    const r = await this.sendUntilAnswered(what, () => send(randomUUID()));
    if (r.ok) return { ok: true, sent: r.value, resent: r.resent || r.value.attempts > 1 };
    const status = r.failure.type === "conflict" ? 409 : r.failure.status;
    return { ok: false, status, message: r.failure.message, resent: r.resent };
  }

  /** A read's call options: the bulk budget, and the job's stop signal. */
  private readOpts(traceId: string) {
    return { traceId, budgetClass: "bulk" as const, signal: this.deps.signal };
  }

  /** A write's: a read's, with the key CHeKT replays a resent write by. */
  private opts(idempotencyKey: string, traceId: string) {
    return { idempotencyKey, ...this.readOpts(traceId) };
  }

  private async processItem(item: Item) {
    const p = readPayload(item.payload);
    const progress = readProgress(item.result);
    // Sent before if a run stopped while the row was "sending": a 409 may then be our own create.
    const maybeSentBefore = item.state === "sending";
    if (item.state === "pending") await this.recorder.markSending(item.id);
    const keyLapsed = maybeSentBefore && this.now() - this.job.keysMadeAt.getTime() > this.keyLifetimeMs;

    // Records of this row, one after another in step order (a later snapshot of the row's progress
    // never lands without the earlier records); the row's next call does not wait for them.
    let chain: Promise<void> = Promise.resolve();
    const record: RecordStep = (traceId, step) => {
      const rec: StepRecord = {
        itemId: item.id,
        progress: json(progress),
        chektDeviceId: progress.siteId ?? null,
        write: step.write,
        mapping: step.mapping,
        audit: {
          ...step.audit,
          traceId,
          after: { jobId: this.job.id, position: item.position, dto: step.audit.after },
        },
      };
      chain = chain.then(() => this.recorder.record(rec));
      // Surfaced by the await below; a rejection must not go unhandled meanwhile.
      chain.catch(() => undefined);
    };
    const records = () => chain;

    const row: Row = { item, p, progress, record };
    try {
      const siteId = await this.siteStep(row, maybeSentBefore, keyLapsed);
      if (siteId === undefined) return;
      const siteUpdate = await this.siteUpdateStep(row, siteId);
      const contact = await this.contactSteps(row, siteId, maybeSentBefore, keyLapsed);
      const updates = await this.contactUpdateSteps(row, siteId);
      const failures = [...(siteUpdate ? [`site not updated: ${siteUpdate.message}`] : [])];
      failures.push(...contact.failures, ...updates.failures);
      let status = siteUpdate?.status || contact.status || updates.status;
      const arming = await this.armingStep(row, siteId);
      if (arming) {
        status ||= arming.status;
        failures.push(`arming type: ${arming.message}`);
      }
      await records();
      if (failures.length) {
        await this.recordFailure(item, progress, status, `Site #${siteId} is in CHeKT, but ${failures.join("; ")}`);
        return;
      }
      // With other rows' settles, one statement: the row's state change guards the job's count.
      await this.recorder.settle({ itemId: item.id, siteId, progress: json(progress) });
    } finally {
      // An abort or a lost database leaves the row "sending"; its records so far still land.
      await records().catch(() => undefined);
    }
  }

  /** The row's site: already known, created, or (sent before under a key CHeKT forgot) found by its ID. */
  private async siteStep(
    { item, p, progress, record }: Row,
    maybeSentBefore: boolean,
    keyLapsed: boolean,
  ): Promise<number | undefined> {
    const known = progress.siteId ?? p.existingSiteId;
    if (known !== undefined) return known;
    const { api } = this.deps;
    const dealerId = this.job.chektDealerId;
    const lookUp = async () => {
      const traceId = randomUUID();
      const found = await api.findSite(dealerId, p.site.external_site_id, this.readOpts(traceId));
      this.checkAbort();
      return found && found.name === p.site.name ? { site: found, traceId } : undefined;
    };
    let got: { site: ResponseSiteBasicDto; traceId: string } | undefined = keyLapsed ? await lookUp() : undefined;
    let failed: Refusal | undefined;
    if (!got) {
      const r = await this.step(`row ${item.position + 1} site`, (traceId) =>
        api.createSite(dealerId, p.site, this.opts(p.keys.site, traceId)),
      );
      if (r.ok) got = { site: r.sent.data, traceId: r.sent.traceId };
      // Our own earlier send whose key CHeKT no longer replays: the site is there, with our ID.
      else if (r.status === 409 && (maybeSentBefore || r.resent)) got = await lookUp();
      if (!got) failed = r.ok ? { status: 502, message: "CHeKT answered without the site" } : r;
    }
    if (!got) {
      await this.recordFailure(item, progress, failed?.status ?? 502, `Site not created: ${failed?.message ?? ""}`);
      return undefined;
    }
    progress.siteId = got.site.site_id;
    record(got.traceId, siteWrite("sites.import.site", got.site));
    return got.site.site_id;
  }

  /** The row's site an earlier job created, its cells edited on the retry: updated in place; the refusal, if any. */
  private async siteUpdateStep({ item, p, progress, record }: Row, siteId: number): Promise<Refusal | undefined> {
    const key = p.keys.siteUpdate;
    if (!p.siteUpdate || !key || progress.siteUpdated) return undefined;
    const s = p.site;
    // The cells as they now are; an emptied optional cell is sent as null, which clears it in CHeKT too.
    const body = {
      ...s,
      monitoring_station_id: s.monitoring_station_id ?? null,
      account_number: s.account_number ?? null,
      address1: s.address1 ?? null,
      address2: s.address2 ?? null,
    };
    const r = await this.step(`row ${item.position + 1} site update`, (traceId) =>
      this.deps.api.updateSite(this.job.chektDealerId, siteId, body, this.opts(key, traceId)),
    );
    if (!r.ok) return { status: r.status, message: r.status === 404 ? "it is no longer in CHeKT" : r.message };
    progress.siteUpdated = true;
    record(r.sent.traceId, siteWrite("sites.import.site.update", r.sent.data));
    return undefined;
  }

  private async contactSteps(
    { item, p, progress, record }: Row,
    siteId: number,
    maybeSentBefore: boolean,
    keyLapsed: boolean,
  ): Promise<{ status: number; failures: string[] }> {
    const { api } = this.deps;
    const dealerId = this.job.chektDealerId;
    const failures: string[] = [];
    let status = 0;
    // What CHeKT holds for the site, read at most once per row and again after a 409.
    let listed: { traceId: string; contacts: ResponseContactDto[] } | undefined;
    const lookUp = async () => {
      if (listed) return listed;
      const traceId = randomUUID();
      const contacts = await api.listContacts(dealerId, siteId, this.readOpts(traceId));
      this.checkAbort();
      listed = { traceId, contacts };
      return listed;
    };
    /** CHeKT's contact under this external ID, when it is the one this row sent (same name). */
    const ours = async (c: ImportPayload["contacts"][number]) => {
      const l = await lookUp();
      const dto = l.contacts.find(
        (x) =>
          x.external_contact_id === c.external_contact_id &&
          x.first_name === c.first_name &&
          x.last_name === c.last_name,
      );
      return dto ? { dto, traceId: l.traceId } : undefined;
    };

    for (let i = 0; i < p.contacts.length; i++) {
      if (progress.contactIds[i]) continue;
      const contact = p.contacts[i];
      // Sent before under a key CHeKT may have forgotten: a resend would be a new create.
      let accepted = keyLapsed ? await ours(contact) : undefined;
      if (!accepted) {
        const r = await this.step(`row ${item.position + 1} contact ${i + 1}`, (traceId) =>
          api.createContact(dealerId, siteId, contact, this.opts(p.keys.contacts[i], traceId)),
        );
        if (r.ok) accepted = { dto: r.sent.data, traceId: r.sent.traceId };
        else if (r.status === 409 && (maybeSentBefore || r.resent)) {
          // Our own earlier send whose key CHeKT no longer replays: the contact is there, with our ID.
          listed = undefined;
          accepted = await ours(contact);
        }
        if (!accepted) {
          const failed = r.ok ? { status: 502, message: "CHeKT answered without the contact" } : r;
          status ||= failed.status;
          failures.push(`contact ${contact.first_name} ${contact.last_name}: ${failed.message}`);
          continue;
        }
      }
      const dto = accepted.dto;
      progress.contactIds[i] = dto.contact_id;
      record(accepted.traceId, contactWrite("sites.import.contact", siteId, dto));
    }
    return { status, failures };
  }

  /** Contacts an earlier job created whose cells the retry edited: each updated in place by its CHeKT ID. */
  private async contactUpdateSteps(
    { item, p, progress, record }: Row,
    siteId: number,
  ): Promise<{ status: number; failures: string[] }> {
    const failures: string[] = [];
    let status = 0;
    for (let i = 0; i < p.contactUpdates.length; i++) {
      if (progress.contactsUpdated[i]) continue;
      const { contactId, contact } = p.contactUpdates[i];
      // The cells as they now are: an emptied phone or email cell clears it in CHeKT too.
      const body = {
        first_name: contact.first_name,
        last_name: contact.last_name,
        phone_number: contact.phone_number ?? null,
        email: contact.email ?? null,
      };
      const r = await this.step(`row ${item.position + 1} contact ${contact.external_contact_id} update`, (traceId) =>
        this.deps.api.updateContact(
          this.job.chektDealerId,
          siteId,
          contactId,
          body,
          this.opts(p.keys.contactUpdates[i], traceId),
        ),
      );
      if (!r.ok) {
        status ||= r.status;
        const why = r.status === 404 ? "it is no longer in CHeKT" : r.message;
        failures.push(`contact ${contact.first_name} ${contact.last_name} not updated: ${why}`);
        continue;
      }
      progress.contactsUpdated[i] = true;
      const dto = r.sent.data;
      record(r.sent.traceId, contactWrite("sites.import.contact.update", siteId, dto));
    }
    return { status, failures };
  }

  /** Sets the row's arming type; the refusal, if CHeKT refused it. */
  private async armingStep({ item, p, progress, record }: Row, siteId: number): Promise<Refusal | undefined> {
    if (!p.securityType || progress.armingDone) return undefined;
    const securityType: SecurityTypeDto = p.securityType;
    const r = await this.step(`row ${item.position + 1} arming`, (traceId) =>
      this.deps.api.setArming(this.job.chektDealerId, siteId, securityType, this.opts(p.keys.arming, traceId)),
    );
    if (!r.ok) return r;
    progress.armingDone = true;
    const dto = r.sent.data;
    record(r.sent.traceId, {
      write: { kind: "arming", dto },
      audit: {
        action: "sites.import.arming",
        objectKind: "site",
        chektId: String(siteId),
        externalId: p.site.external_site_id,
        after: dto,
      },
    });
    return undefined;
  }

  private async recordFailure(item: Item, progress: ImportProgress, status: number, message: string) {
    await this.deps.db.$transaction(async (tx) => {
      const claimed = await tx.bulkItem.updateMany({
        where: { id: item.id, state: { in: [...UNSETTLED_ITEM_STATES] } },
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
        } satisfies AuditLogRow,
      });
    }, TX);
    this.deps.log?.(`row ${item.position + 1}: ${message}`);
  }
}

/** A site CHeKT created or updated for a row: mirror row, mapping, audit row. */
function siteWrite(action: string, dto: ResponseSiteBasicDto): StepWrite {
  return {
    write: { kind: "site", dto },
    mapping: { kind: "site", chektId: dto.site_id, externalId: dto.external_site_id },
    audit: { action, objectKind: "site", chektId: String(dto.site_id), externalId: dto.external_site_id, after: dto },
  };
}

/** A contact CHeKT created or updated for a row: mirror row, mapping under its site, audit row. */
function contactWrite(action: string, siteId: number, dto: ResponseContactDto): StepWrite {
  return {
    write: { kind: "contact", siteId, dto },
    mapping: { kind: "contact", chektId: dto.contact_id, externalId: dto.external_contact_id, parentChektId: siteId },
    audit: {
      action,
      objectKind: "contact",
      chektId: String(dto.contact_id),
      externalId: dto.external_contact_id,
      after: dto,
    },
  };
}
