import "server-only";
// The background sweep of one dealer link (docs/mirror.md): dealer, stations, sites (keyset pages),
// then each site's contacts, devices and arming, all at the "sync" budget class (the lowest: it
// only spends what answers, writes, snapshots, refreshes and bulk jobs leave). Progress lives in
// mirror_syncs (phase, done/total, cursor), so the dealer page and the dashboard can show it and a
// sweep cut off by a crash or a failure resumes where it stopped instead of starting over.
import { isChektError } from "@/lib/chekt/errors";
import { prisma, sql } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { utc } from "./sql-values";
import {
  goneSitesNotSeenSince,
  pullArming,
  pullContacts,
  pullDealer,
  pullDevices,
  pullSitesPage,
  pullStations,
  type PullOpts,
  type PullScope,
} from "./pull";
import { errorText } from "@/lib/error-text";

export const SWEEP_PHASES = ["dealer", "stations", "sites", "children"] as const;
export type SweepPhase = (typeof SWEEP_PHASES)[number];

export type SweepDeps = {
  now?: () => Date;
  /** Waits out a 429 (tests pass one that does not sleep). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  signal?: AbortSignal;
  log?: (message: string) => void;
};

export class SweepAborted extends Error {
  constructor() {
    super("sweep stopped");
  }
}

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(t), resolve()), { once: true });
  });

/** A first sync that lists at least this many sites refreshes the planner's statistics (see below). */
const ANALYZE_AFTER_ROWS = 1000;

type Progress = {
  phase?: SweepPhase | null;
  done?: number;
  total?: number | null;
  cursor?: number | null;
  state?: string;
  lastError?: string | null;
};
const PROGRESS_COLUMNS = [
  ["phase", "phase"],
  ["done", "done"],
  ["total", "total"],
  ["cursor", "cursor"],
  ["state", "state"],
  ["lastError", "last_error"],
] as const satisfies readonly (readonly [keyof Progress, string])[];

/**
 * The sweep's progress, saved after every page and every site: one statement on the pool (the row
 * exists: the sweep's start upserts it), not a Prisma upsert.
 */
function saveSql(dealerLinkId: string, data: Progress): Prisma.Sql {
  const set = PROGRESS_COLUMNS.filter(([k]) => data[k] !== undefined).map(
    ([k, column]) => Prisma.sql`${Prisma.raw(column)} = ${data[k]}`,
  );
  return Prisma.sql`UPDATE mirror_syncs SET ${Prisma.join([...set, Prisma.sql`updated_at = ${utc(new Date())}`])}
    WHERE dealer_link_id = ${dealerLinkId}`;
}

const isRateLimited = (e: unknown) => isChektError(e) && (e.kind === "rate_limited" || e.status === 429);

/**
 * Sweeps one dealer link to the end (or throws: the sync row then says "failed" with the reason,
 * and the next run resumes from the saved phase and cursor). A 429 never fails it: the sweep waits
 * for CHeKT's Retry-After and goes on, so a storm only delays it.
 */
export async function sweepDealer(scope: PullScope, deps: SweepDeps = {}): Promise<{ sites: number; waits: number }> {
  const now = deps.now ?? (() => new Date());
  const sleep = deps.sleep ?? defaultSleep;
  const log = deps.log ?? (() => undefined);
  const o: PullOpts = { budgetClass: "sync", signal: deps.signal, now };
  const id = scope.dealerLinkId;
  let waits = 0;

  const prior = await prisma.mirrorSync.findUnique({ where: { dealerLinkId: id } });
  const firstSync = !prior || prior.firstSync;
  const resume = prior && (prior.state === "running" || prior.state === "failed") && prior.phase && prior.startedAt;
  const startedAt = resume ? prior.startedAt! : now();
  let phase: SweepPhase =
    resume && SWEEP_PHASES.includes(prior.phase as SweepPhase) ? (prior.phase as SweepPhase) : "dealer";
  let cursor = resume ? prior.cursor : null;
  let done = resume ? prior.done : 0;
  if (resume) log(`resuming at ${phase}${cursor ? ` after ${cursor}` : ""}`);
  const save = (data: Progress) => sql(saveSql(id, data));
  // finishedAt keeps the last finished sweep while this one runs: the pages show the mirror's age
  // from it, and the rows are at least that fresh (a first sync starts with none: start-sync.ts).
  const begin = { state: "running", phase, cursor, done, startedAt, lastError: null };
  await prisma.mirrorSync.upsert({
    where: { dealerLinkId: id },
    create: { dealerLinkId: id, ...begin },
    update: begin,
  });

  async function step<T>(fn: () => Promise<T>): Promise<T> {
    for (;;) {
      if (deps.signal?.aborted) throw new SweepAborted();
      try {
        return await fn();
      } catch (e) {
        if (!isRateLimited(e) || deps.signal?.aborted) throw e;
        waits++;
        const waitS = isChektError(e) && e.retryAfterS && e.retryAfterS > 0 ? e.retryAfterS : 5;
        await save({ lastError: `waiting ${waitS} s for CHeKT's rate limit` });
        await sleep(waitS * 1000, deps.signal);
      }
    }
  }

  try {
    if (phase === "dealer") {
      await step(() => pullDealer(scope, o));
      phase = "stations";
      await save({ phase, cursor: null, done: 0, total: null, lastError: null });
    }
    if (phase === "stations") {
      await step(() => pullStations(scope, o));
      phase = "sites";
      cursor = null;
      done = 0;
      await save({ phase, cursor, done, total: null, lastError: null });
    }
    if (phase === "sites") {
      for (;;) {
        const page = await step(() => pullSitesPage(scope, cursor ?? 0, o));
        const total = done + page.left;
        done += page.rows;
        cursor = page.lastId;
        await save({ done, total, cursor, lastError: null });
        if (page.lastId === null) break;
      }
      await goneSitesNotSeenSince(id, startedAt, now());
      // A first sync fills a table autovacuum has not looked at yet: without statistics the planner
      // sorts every row for each list page (2× the sites list's p95 at 10,000 sites), so refresh them now.
      if (firstSync && done >= ANALYZE_AFTER_ROWS) await prisma.$executeRaw`ANALYZE mirror_sites`;
      phase = "children";
      cursor = null;
      await save({ phase, cursor, done: 0, total: null });
    }
    if (phase === "children") {
      const base = { dealerLinkId: id, goneAt: null };
      const total = await prisma.mirrorSite.count({ where: base });
      done = cursor === null ? 0 : await prisma.mirrorSite.count({ where: { ...base, chektId: { lte: cursor } } });
      await save({ total, done });
      for (;;) {
        const batch = await prisma.mirrorSite.findMany({
          where: { ...base, chektId: { gt: cursor ?? 0 } },
          orderBy: { chektId: "asc" },
          take: 100,
          select: { chektId: true },
        });
        if (batch.length === 0) break;
        for (const { chektId: siteId } of batch) {
          // A 404 on the site's contacts means the site itself is gone (already marked): skip the rest.
          if ((await step(() => pullContacts(scope, siteId, o))) === "fresh") {
            await step(() => pullDevices(scope, siteId, o));
            await step(() => pullArming(scope, siteId, o));
          }
          cursor = siteId;
          done++;
          await save({ cursor, done, lastError: null });
        }
      }
    }
    const sites = await prisma.mirrorSite.count({ where: { dealerLinkId: id, goneAt: null } });
    if (firstSync && sites >= ANALYZE_AFTER_ROWS)
      await prisma.$executeRaw`ANALYZE mirror_contacts, mirror_devices, mirror_arming`;
    await prisma.mirrorSync.update({
      where: { dealerLinkId: id },
      data: {
        state: "idle",
        phase: null,
        cursor: null,
        firstSync: false,
        finishedAt: now(),
        lastError: null,
        done: sites,
        total: sites,
      },
    });
    log(`swept: ${sites} sites, ${waits} rate-limit waits`);
    return { sites, waits };
  } catch (e) {
    const aborted = e instanceof SweepAborted || deps.signal?.aborted;
    // Cut off (shutting down): left "running" so the next start resumes it; a real failure says why.
    if (!aborted) await save({ state: "failed", lastError: errorText(e).slice(0, 500) }).catch(() => undefined);
    throw aborted ? new SweepAborted() : e;
  }
}
