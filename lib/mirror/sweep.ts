import "server-only";
// The background sweep of one dealer link (docs/mirror.md): dealer, stations, sites (keyset pages),
// then the contacts, devices and arming of the sites that are due (never read first, then the least
// recently read, at most `childrenPerRun` a run: a 10,000-site dealer's every site was 30,000 calls, hours
// of the free tier, so no run finished in its interval), all at the "sync" budget class (the lowest: it
// only spends what answers, writes, snapshots, refreshes and bulk jobs leave). Progress lives in
// mirror_syncs (phase, done/total, cursor), so the dealer page and the dashboard can show it and a
// sweep cut off by a crash or a failure resumes where it stopped instead of starting over.
// One site that cannot be read (its contacts answer 500 every time, 403, a body that does not parse)
// is counted, named in skipped_note and passed over: failing the sweep on it resumed at the same site
// every minute, so no site after it was ever read again. Only what fails every call fails the sweep.
import { isChektError, retryWaitMs, waitSeconds } from "@/lib/chekt/errors";
import { prisma, sql } from "@/lib/db";
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
import {
  dueSitesSql,
  saveSql,
  siteReadSaveSql,
  startPoint,
  withSkipped,
  type Progress,
  type Skipped,
  type SweepPhase,
  type StartPoint,
} from "./sweep-progress";
import { errorText } from "@/lib/error-text";

export { SWEEP_PHASES, type SweepPhase } from "./sweep-progress";

export type SweepDeps = {
  now?: () => Date;
  /** Waits out a 429 (tests pass one that does not sleep). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  signal?: AbortSignal;
  log?: (message: string) => void;
  /** At most this many sites' children a run (the worker's MIRROR_CHILDREN_PER_RUN); unset: every site due. */
  childrenPerRun?: number;
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

const isRateLimited = (e: unknown) => isChektError(e) && (e.kind === "rate_limited" || e.status === 429);

/** Errors no site of the dealer would escape (the credential refused, no configuration): they fail the sweep. */
const failsEveryCall = (e: unknown) => !isChektError(e) || e.kind === "unauthorized" || e.kind === "config";
/** Errors that may be CHeKT's outage rather than the site's: a run of them fails the sweep (see OUTAGE_SITES). */
const mayBeOutage = (e: unknown) =>
  isChektError(e) && (e.kind === "server" || e.kind === "network" || e.kind === "timeout");
/**
 * This many sites in a row failing with 5xx, a network error or a timeout is CHeKT being down, not
 * the sites: the sweep fails from the first of them (it is not skipped) and the tick resumes it there.
 */
const OUTAGE_SITES = 5;

/**
 * Sweeps one dealer link to the end (or throws: the sync row then says "failed" with the reason,
 * and the next run resumes from the saved phase and cursor). A 429 never fails it: the sweep waits
 * for CHeKT's Retry-After and goes on, so a storm only delays it.
 */
export async function sweepDealer(scope: PullScope, deps: SweepDeps = {}): Promise<{ sites: number; waits: number }> {
  const id = scope.dealerLinkId;
  const prior = await prisma.mirrorSync.findUnique({ where: { dealerLinkId: id } });
  const now = deps.now ?? (() => new Date());
  const start = startPoint(prior, now);
  const { phase, cursor, done, startedAt, skipped, skippedNote } = start;
  if (start.resumed) deps.log?.(`resuming at ${phase}${cursor ? ` after ${cursor}` : ""}`);
  // finishedAt keeps the last finished sweep while this one runs: the pages show the mirror's age
  // from it, and the rows are at least that fresh (a first sync starts with none: start-sync.ts).
  const begin = { state: "running", phase, cursor, done, startedAt, lastError: null, skipped, skippedNote };
  await prisma.mirrorSync.upsert({
    where: { dealerLinkId: id },
    create: { dealerLinkId: id, ...begin },
    update: begin,
  });
  return new DealerSweep(scope, deps, start, now).run();
}

/** One run of the sweep: its phases in order from the start point, each saving its progress. */
class DealerSweep {
  private phase: SweepPhase;
  private cursor: number | null;
  private done: number;
  private waits = 0;
  private skipped: Skipped;
  /** Where the current run of possibly-outage site failures began (null: the last site was read). */
  private streak: { sites: number; cursor: number | null; done: number; skipped: Skipped } | null = null;
  private readonly o: PullOpts;
  private readonly sleep: NonNullable<SweepDeps["sleep"]>;

  constructor(
    private readonly scope: PullScope,
    private readonly deps: SweepDeps,
    private readonly start: StartPoint,
    private readonly now: () => Date,
  ) {
    this.phase = start.phase;
    this.cursor = start.cursor;
    this.done = start.done;
    this.skipped = { skipped: start.skipped, skippedNote: start.skippedNote };
    this.sleep = deps.sleep ?? defaultSleep;
    this.o = { budgetClass: "sync", signal: deps.signal, now };
  }

  async run(): Promise<{ sites: number; waits: number }> {
    try {
      if (this.phase === "dealer") await this.dealerPhase();
      if (this.phase === "stations") await this.stationsPhase();
      if (this.phase === "sites") await this.sitesPhase();
      if (this.phase === "children") await this.childrenPhase();
      return await this.finish();
    } catch (e) {
      const aborted = e instanceof SweepAborted || this.deps.signal?.aborted;
      // Cut off (shutting down): left "running" so the next start resumes it; a real failure says why.
      if (!aborted) await this.save({ state: "failed", lastError: errorText(e).slice(0, 500) }).catch(() => undefined);
      throw aborted ? new SweepAborted() : e;
    }
  }

  private save(data: Progress) {
    return sql(saveSql(this.scope.dealerLinkId, data));
  }

  /** Runs one pull, waiting out CHeKT's rate limit (its wait, else the shared default) as often as it asks. */
  private async step<T>(fn: () => Promise<T>): Promise<T> {
    const { signal } = this.deps;
    for (;;) {
      if (signal?.aborted) throw new SweepAborted();
      try {
        return await fn();
      } catch (e) {
        if (!isRateLimited(e) || signal?.aborted) throw e;
        this.waits++;
        const waitS = waitSeconds(retryWaitMs(e));
        await this.save({ lastError: `waiting ${waitS} s for CHeKT's rate limit` });
        await this.sleep(waitS * 1000, signal);
      }
    }
  }

  private async dealerPhase() {
    await this.step(() => pullDealer(this.scope, this.o));
    this.phase = "stations";
    await this.save({ phase: this.phase, cursor: null, done: 0, total: null, lastError: null });
  }

  private async stationsPhase() {
    await this.step(() => pullStations(this.scope, this.o));
    this.phase = "sites";
    this.cursor = null;
    this.done = 0;
    await this.save({ phase: this.phase, cursor: this.cursor, done: this.done, total: null, lastError: null });
  }

  private async sitesPhase() {
    for (;;) {
      const page = await this.step(() => pullSitesPage(this.scope, this.cursor ?? 0, this.o));
      const total = this.done + page.left;
      this.done += page.rows;
      this.cursor = page.lastId;
      await this.save({ done: this.done, total, cursor: this.cursor, lastError: null });
      if (page.lastId === null) break;
    }
    await goneSitesNotSeenSince(this.scope.dealerLinkId, this.start.startedAt, this.now());
    // A first sync fills a table autovacuum has not looked at yet: without statistics the planner
    // sorts every row for each list page (2× the sites list's p95 at 10,000 sites), so refresh them now.
    if (this.start.firstSync && this.done >= ANALYZE_AFTER_ROWS) await prisma.$executeRaw`ANALYZE mirror_sites`;
    this.phase = "children";
    this.cursor = null;
    this.done = 0;
    await this.save({ phase: this.phase, cursor: this.cursor, done: this.done, total: null });
  }

  /** The sites due (dueSitesSql), each site's children read and saved before the next. */
  private async childrenPhase() {
    const cap = this.deps.childrenPerRun;
    const left = cap === undefined ? null : Math.max(0, cap - this.done);
    const { rows: due } = await sql<{ chektId: number; name: string }>(
      dueSitesSql(this.scope.dealerLinkId, this.start.startedAt, this.cursor, left),
    );
    await this.save({ total: this.done + due.length, done: this.done });
    for (const site of due) await this.siteChildren(site.chektId, site.name);
  }

  private async siteChildren(siteId: number, name: string) {
    const before = { sites: 0, cursor: this.cursor, done: this.done, skipped: this.skipped };
    let readAt: Date | null = null;
    try {
      // The children are as old as their first call (sent after its wait for the budget).
      let first: Date | undefined;
      const o: PullOpts = { ...this.o, onSend: () => void (first ??= this.now()) };
      // A 404 on the site's contacts means the site itself is gone (already marked): skip the rest.
      if ((await this.step(() => pullContacts(this.scope, siteId, o))) === "fresh") {
        await this.step(() => pullDevices(this.scope, siteId, o));
        await this.step(() => pullArming(this.scope, siteId, o));
        readAt = first ?? this.now();
      }
      this.streak = null;
    } catch (e) {
      if (e instanceof SweepAborted || this.deps.signal?.aborted || failsEveryCall(e)) throw e;
      this.streak = mayBeOutage(e) ? { ...(this.streak ?? before), sites: (this.streak?.sites ?? 0) + 1 } : null;
      if (this.streak && this.streak.sites >= OUTAGE_SITES) {
        // Back to the first site of the run, unskipped: the resumed sweep reads them again.
        ({ cursor: this.cursor, done: this.done, skipped: this.skipped } = this.streak);
        await this.save({ cursor: this.cursor, done: this.done, ...this.skipped });
        throw e;
      }
      this.skipped = withSkipped(this.skipped, `${name} (#${siteId})`, errorText(e));
      this.deps.log?.(`site ${siteId} skipped: ${errorText(e)}`);
    }
    this.cursor = siteId;
    this.done++;
    const progress = { cursor: this.cursor, done: this.done, lastError: null, ...this.skipped };
    if (readAt) await sql(siteReadSaveSql(this.scope.dealerLinkId, siteId, readAt, progress));
    else await this.save(progress);
  }

  private async finish(): Promise<{ sites: number; waits: number }> {
    const id = this.scope.dealerLinkId;
    const sites = await prisma.mirrorSite.count({ where: { dealerLinkId: id, goneAt: null } });
    if (this.start.firstSync && sites >= ANALYZE_AFTER_ROWS)
      await prisma.$executeRaw`ANALYZE mirror_contacts, mirror_devices, mirror_arming`;
    await prisma.mirrorSync.update({
      where: { dealerLinkId: id },
      data: {
        state: "idle",
        phase: null,
        cursor: null,
        firstSync: false,
        finishedAt: this.now(),
        lastError: null,
        done: sites,
        total: sites,
        ...this.skipped,
      },
    });
    this.deps.log?.(`swept: ${sites} sites, ${this.skipped.skipped} skipped, ${this.waits} rate-limit waits`);
    return { sites, waits: this.waits };
  }
}
