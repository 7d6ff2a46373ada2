// What every bulk job runner shares, whatever it sends (devices in chunks, lib/jobs/bulk-runner.ts;
// site import rows, lib/jobs/site-import-runner.ts): one runner per job under the lock, the job
// moved from queued to running, a call sent until CHeKT answers for sure (429s waited out, unknown
// outcomes resent with the same Idempotency-Key, with backoff), an abort that stops like a crash,
// rows worked on in lanes, and the job closed once from its items' counts with its audit row.
// The runners (subclasses of JobRunner) keep only what differs: what one unit of work sends and how
// its answer is recorded.
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { classifyFailure, type Failure } from "./errors";
import type { JobLock } from "./lock";
import { IN_PROGRESS_STATES, isInProgress } from "@/lib/bulk/job-states";
import { UNSETTLED_ITEM_STATES } from "./item-states";
import { countText } from "@/lib/count-text";
import type { AuditLogRow } from "@/lib/audit";

export type RunOutcome = "finished" | "busy" | "missing" | "already-final";

export class RunAborted extends Error {
  constructor() {
    super("bulk run aborted");
    this.name = "RunAborted";
  }
}

/** Prisma's 5 s default is too tight for a busy database; these transactions are short but must not fail for it. */
export const TX = { timeout: 60_000, maxWait: 20_000 };

/** How long an Idempotency-Key is trusted: an hour short of CHeKT's 24 h, for clock skew. */
export const KEY_LIFETIME_MS = 23 * 60 * 60 * 1000;

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

const defaultSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(new RunAborted());
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(t), reject(new RunAborted())), { once: true });
  });

export function checkAbort(signal?: AbortSignal) {
  if (signal?.aborted) throw new RunAborted();
}

export function json(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value ?? null));
}

/** Runs `run` as the job's only runner (another holder of the lock: "busy"); `onLost` if the lock goes first. */
async function runLocked(
  jobId: string,
  lock: JobLock | undefined,
  onLost: () => void,
  run: () => Promise<RunOutcome>,
): Promise<RunOutcome> {
  const held = lock ? await lock(jobId) : null;
  if (lock && !held) return "busy";
  held?.lost.addEventListener("abort", onLost, { once: true });
  try {
    return await run();
  } finally {
    await held?.();
  }
}

/** A job row with its dealer link's CHeKT dealer id, as a runner works on it. */
export type JobRow = NonNullable<Awaited<ReturnType<typeof loadJob>>>;

function loadJob(db: PrismaClient, jobId: string) {
  return db.bulkJob.findUnique({ where: { id: jobId }, include: { dealerLink: { select: { chektDealerId: true } } } });
}

/** The job to run, moved to running; "missing" or "already-final" when there is nothing to do. */
async function startJob(db: PrismaClient, jobId: string): Promise<JobRow | "missing" | "already-final"> {
  const job = await loadJob(db, jobId);
  if (!job) return "missing";
  if (!isInProgress(job.state)) return "already-final";
  if (job.state === "queued")
    await db.bulkJob.update({
      where: { id: job.id },
      data: { state: "running", startedAt: job.startedAt ?? new Date() },
    });
  return job;
}

export const jobUser = (job: { createdById: string | null; createdByEmail: string | null }) =>
  job.createdById ? { id: job.createdById, email: job.createdByEmail ?? "" } : null;

/** The job's closing audit row: its action, what its items are called, and what it shows of the counts. */
type FinishAudit = {
  action: string;
  noun: string;
  after: (c: { succeeded: number; failed: number }) => unknown;
};

/**
 * Closes the job when no item is left to send. Counts are re-derived from the items so the job
 * row can never drift from them; the state change guards the audit row (written once).
 */
async function finishJob(db: PrismaClient, job: JobRow, audit: FinishAudit) {
  const user = jobUser(job);
  await db.$transaction(async (tx) => {
    const remaining = await tx.bulkItem.count({ where: { jobId: job.id, state: { in: [...UNSETTLED_ITEM_STATES] } } });
    if (remaining > 0) return;
    const [succeeded, failed] = await Promise.all([
      tx.bulkItem.count({ where: { jobId: job.id, state: "succeeded" } }),
      tx.bulkItem.count({ where: { jobId: job.id, state: "failed" } }),
    ]);
    const claimed = await tx.bulkJob.updateMany({
      where: { id: job.id, state: { in: [...IN_PROGRESS_STATES] } },
      data: { state: "done", finishedAt: new Date(), succeeded, failed },
    });
    if (claimed.count !== 1) return;
    await tx.auditLog.create({
      data: {
        action: audit.action,
        objectKind: "bulk_job",
        externalId: job.id,
        dealerLinkId: job.dealerLinkId,
        outcome: failed === 0 ? "success" : "failure",
        error: failed === 0 ? null : `${countText(failed)} of ${countText(succeeded + failed)} ${audit.noun} failed`,
        after: json(audit.after({ succeeded, failed })),
        // Stored with the job by the action that started it (lib/actions/store-job.ts): one trace id from end to end.
        traceId: job.traceId,
        userId: user?.id ?? null,
        userEmail: user?.email ?? null,
      } satisfies AuditLogRow,
    });
  }, TX);
}

type SendLoopOpts = {
  what: string;
  signal?: AbortSignal;
  sleep: Sleep;
  log?: (message: string) => void;
  /** Consecutive unknown outcomes before the run gives up (the queue retries later). */
  maxUnknown: number;
  /** Called after every failed attempt, before waiting (e.g. to store the error on a chunk). */
  onFailure?: (f: Failure) => Promise<void>;
};

/**
 * Sends until CHeKT answers for sure: a 429 is waited out, an unknown outcome (timeout, dropped
 * answer, 5xx) is resent — `send` must reuse its Idempotency-Key — with backoff. Returns the
 * answer, or the refusal (a conflict or a 4xx) for the caller to judge; `resent` says an earlier
 * attempt may have been applied.
 */
async function sendUntilAnswered<T>(
  send: (attempt: number) => Promise<T>,
  o: SendLoopOpts,
): Promise<
  | { ok: true; value: T; resent: boolean }
  | { ok: false; failure: Exclude<Failure, { type: "rate" | "unknown" }>; resent: boolean }
> {
  let unknownInARow = 0;
  for (let attempt = 1; ; attempt++) {
    checkAbort(o.signal);
    try {
      const value = await send(attempt);
      // Crash simulation point: CHeKT applied it, nothing of it is recorded yet.
      checkAbort(o.signal);
      return { ok: true, value, resent: unknownInARow > 0 };
    } catch (error) {
      if (error instanceof RunAborted) throw error;
      checkAbort(o.signal);
      const f = classifyFailure(error);
      await o.onFailure?.(f);
      if (f.type === "rate") {
        o.log?.(`${o.what}: rate limited, waiting ${f.waitS}s`);
        await o.sleep(f.waitS * 1000, o.signal);
        continue;
      }
      if (f.type === "unknown") {
        unknownInARow++;
        o.log?.(`${o.what}: outcome unknown (${f.message}), resending with the same key`);
        if (unknownInARow >= o.maxUnknown)
          throw new Error(`${o.what}: ${unknownInARow} unknown outcomes in a row; will resume later`);
        await o.sleep(Math.min(250 * 2 ** unknownInARow, 15_000), o.signal);
        continue;
      }
      return { ok: false, failure: f, resent: unknownInARow > 0 };
    }
  }
}

/**
 * Works through the job's open items (pending, or sending when a run stopped mid-way) `width` at
 * a time, in sheet order, until none is left. A lane takes the next item as soon as it is free;
 * the next page of items is read while the last ones of this page are still going.
 */
export async function runLanes<I extends { id: string }>(
  next: (after: I | undefined) => Promise<I[]>,
  width: number,
  work: (item: I) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  let page = await next(undefined);
  let i = 0;
  let reading: Promise<I[]> | null = null;
  const take = async (): Promise<I | undefined> => {
    for (;;) {
      checkAbort(signal);
      if (i < page.length) return page[i++];
      if (page.length === 0) return undefined;
      reading ??= next(page[page.length - 1]);
      const mine = reading;
      const fresh = await mine;
      if (reading === mine) {
        reading = null;
        page = fresh;
        i = 0;
      }
    }
  };
  const lane = async () => {
    for (let item = await take(); item; item = await take()) await work(item);
  };
  await Promise.all(Array.from({ length: Math.max(1, width) }, lane));
}

/** What every runner takes from its caller about the run itself; each runner adds what it sends with. */
export type RunDeps = {
  db: PrismaClient;
  /** One runner per job across instances; absent = caller guarantees it. */
  lock?: JobLock;
  /** Aborting stops the run like a crash would: whatever is in flight stays unrecorded. */
  signal?: AbortSignal;
  /** How long CHeKT keeps an Idempotency-Key; past it a runner looks at what CHeKT has before resending. */
  keyLifetimeMs?: number;
  /** Consecutive unknown outcomes for one call before the run gives up (the queue retries later). */
  maxUnknownAttempts?: number;
  sleep?: Sleep;
  log?: (message: string) => void;
};

/**
 * One run of one job, from wherever it stopped: as the job's only runner (another holder of the
 * lock: "busy"), the job moved to running, `work` through its open items, then the job closed from
 * its items' counts. A subclass says what the work is and what the closing audit row holds, and
 * sends each call with `sendUntilAnswered`.
 */
export abstract class JobRunner<D extends RunDeps> {
  protected readonly deps: D;
  protected readonly keyLifetimeMs: number;
  private readonly sleep: Sleep;
  private readonly maxUnknown: number;
  /** Aborted when the job's lock is lost: another instance may be running the job now. */
  private readonly lockLost = new AbortController();

  constructor(
    private readonly jobId: string,
    deps: D,
  ) {
    // Losing the lock stops the run as its caller's abort does (like a crash: what is in flight stays
    // unrecorded, and whoever holds the lock next resends it under the same key).
    const stop = this.lockLost.signal;
    this.deps = { ...deps, signal: deps.signal ? AbortSignal.any([deps.signal, stop]) : stop };
    this.keyLifetimeMs = deps.keyLifetimeMs ?? KEY_LIFETIME_MS;
    this.sleep = deps.sleep ?? defaultSleep;
    this.maxUnknown = deps.maxUnknownAttempts ?? 8;
  }

  /** Sends the job's open items; the job is closed after it only if none is left. */
  protected abstract work(job: JobRow): Promise<void>;

  /** The job's closing audit row: its action, what its items are called, what it shows besides the id and counts. */
  protected abstract closing(job: JobRow): { action: string; noun: string; shows?: Record<string, unknown> };

  run(): Promise<RunOutcome> {
    const { db, lock } = this.deps;
    const lost = () => {
      this.deps.log?.("lock lost (its session ended): stopping; the job resumes under the next holder");
      this.lockLost.abort();
    };
    return runLocked(this.jobId, lock, lost, async () => {
      const job = await startJob(db, this.jobId);
      if (typeof job === "string") return job;
      await this.work(job);
      const { action, noun, shows } = this.closing(job);
      await finishJob(db, job, { action, noun, after: (c) => ({ jobId: job.id, ...shows, ...c }) });
      return "finished";
    });
  }

  protected checkAbort() {
    checkAbort(this.deps.signal);
  }

  /** `send` until CHeKT answers for sure, with this run's abort, waits and log; `what` names the call in the log. */
  protected sendUntilAnswered<T>(
    what: string,
    send: (attempt: number) => Promise<T>,
    onFailure?: SendLoopOpts["onFailure"],
  ) {
    const { signal, log } = this.deps;
    return sendUntilAnswered(send, { what, signal, sleep: this.sleep, log, maxUnknown: this.maxUnknown, onFailure });
  }
}
