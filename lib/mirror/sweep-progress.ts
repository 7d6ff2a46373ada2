// Where a dealer's sweep (sweep.ts) stands, as mirror_syncs keeps it: the point a run starts or
// resumes from, and the one-statement progress saves made after every page and every site.
import { Prisma, type MirrorSync } from "@/lib/generated/prisma/client";
import { CLASS_RESERVE } from "@/lib/chekt/budget-rules";
import { utc } from "./sql-values";

export const SWEEP_PHASES = ["dealer", "stations", "sites", "children"] as const;
export type SweepPhase = (typeof SWEEP_PHASES)[number];

export type Progress = {
  phase?: SweepPhase | null;
  done?: number;
  total?: number | null;
  cursor?: number | null;
  state?: string;
  lastError?: string | null;
  skipped?: number;
  skippedNote?: string | null;
};
const PROGRESS_COLUMNS = [
  ["phase", "phase"],
  ["done", "done"],
  ["total", "total"],
  ["cursor", "cursor"],
  ["state", "state"],
  ["lastError", "last_error"],
  ["skipped", "skipped"],
  ["skippedNote", "skipped_note"],
] as const satisfies readonly (readonly [keyof Progress, string])[];

/**
 * The sweep's progress, saved after every page and every site: one statement on the pool (the row
 * exists: the sweep's start upserts it), not a Prisma upsert.
 */
export function saveSql(dealerLinkId: string, data: Progress): Prisma.Sql {
  const set = PROGRESS_COLUMNS.filter(([k]) => data[k] !== undefined).map(
    ([k, column]) => Prisma.sql`${Prisma.raw(column)} = ${data[k]}`,
  );
  return Prisma.sql`UPDATE mirror_syncs SET ${Prisma.join([...set, Prisma.sql`updated_at = ${utc(new Date())}`])}
    WHERE dealer_link_id = ${dealerLinkId}`;
}

/** A site's children cost three calls: its contacts, its devices and its arming. */
export const CALLS_PER_SITE = 3;

/**
 * How many sites' children one run reads (MIRROR_CHILDREN_PER_RUN when set): what the sync class may
 * spend of the budget (it leaves the rest to the classes above it) over one interval, at 3 calls a
 * site. The free tier at 900 s: 60 × 0.5 × 15 / 3 = 150 sites, 450 calls.
 */
export function childrenPerRun(perMin: number, intervalS: number, override?: number): number {
  if (override !== undefined) return override;
  const calls = perMin * (1 - CLASS_RESERVE.sync) * (intervalS / 60);
  return Math.max(1, Math.floor(calls / CALLS_PER_SITE));
}

/**
 * The sites whose children the rest of this run reads, in CHeKT id order (the cursor's): of the live
 * sites not read since the run began, the never-read first, then the least recently read, at most
 * `limit` (null: all). A resumed run asks again with its cursor and what it has left: the sites it
 * read carry a time after its start and the ones it skipped lie at or before its cursor, so neither
 * is read twice, and the rest of the first answer comes back (the set was a prefix of this order).
 */
export function dueSitesSql(
  dealerLinkId: string,
  runStarted: Date,
  cursor: number | null,
  limit: number | null,
): Prisma.Sql {
  return Prisma.sql`SELECT chekt_id AS "chektId", name FROM (
      SELECT chekt_id, name FROM mirror_sites
      WHERE dealer_link_id = ${dealerLinkId} AND gone_at IS NULL AND chekt_id > ${cursor ?? 0}
        AND (children_read_at IS NULL OR children_read_at < ${utc(runStarted)})
      ORDER BY children_read_at ASC NULLS FIRST, chekt_id
      LIMIT ${limit}) due
    ORDER BY chekt_id`;
}

/**
 * A site's children read (as of its first call, `at`) with the progress save after it, in one
 * statement. Its updated_at stays: the site's own row did not change.
 */
export function siteReadSaveSql(dealerLinkId: string, siteId: number, at: Date, data: Progress): Prisma.Sql {
  return Prisma.sql`WITH site AS (
      UPDATE mirror_sites SET children_read_at = ${utc(at)}
      WHERE dealer_link_id = ${dealerLinkId} AND chekt_id = ${siteId}
        AND (children_read_at IS NULL OR children_read_at < ${utc(at)}))
    ${saveSql(dealerLinkId, data)}`;
}

/** The phase a run is in, the last CHeKT id it finished there, and how many it has done. */
export type Position = { phase: SweepPhase; cursor: number | null; done: number };

/** The sites a sweep skipped so far: how many, and the first SKIPPED_LISTED of them with the reason. */
export type Skipped = { skipped: number; skippedNote: string | null };

export type StartPoint = Position & Skipped & { startedAt: Date; firstSync: boolean; resumed: boolean };

const isSweepPhase = (phase: string): phase is SweepPhase => SWEEP_PHASES.some((p) => p === phase);

/** A sweep cut off or failed resumes from its saved phase and cursor; anything else starts at the dealer. */
export function startPoint(
  prior: Pick<
    MirrorSync,
    "state" | "firstSync" | "phase" | "cursor" | "done" | "startedAt" | "skipped" | "skippedNote"
  > | null,
  now: () => Date,
): StartPoint {
  const firstSync = !prior || prior.firstSync;
  if (prior && (prior.state === "running" || prior.state === "failed") && prior.phase && prior.startedAt) {
    const phase = isSweepPhase(prior.phase) ? prior.phase : "dealer";
    const { cursor, done, startedAt, skipped, skippedNote } = prior;
    return { phase, cursor, done, startedAt, skipped, skippedNote, firstSync, resumed: true };
  }
  const fresh = { cursor: null, done: 0, skipped: 0, skippedNote: null };
  return { phase: "dealer", ...fresh, startedAt: now(), firstSync, resumed: false };
}

const SKIPPED_LISTED = 3;

/** Adds one skipped site ("Name (#id) — reason") to the count, listing it while fewer than SKIPPED_LISTED are. */
export function withSkipped(prior: Skipped, site: string, reason: string): Skipped {
  const entry = `${site} — ${reason}`.slice(0, 300);
  const listed = prior.skipped < SKIPPED_LISTED;
  const skippedNote = listed ? (prior.skippedNote ? `${prior.skippedNote}; ${entry}` : entry) : prior.skippedNote;
  return { skipped: prior.skipped + 1, skippedNote };
}

/** What the page says about the sites a sweep skipped, or null when it read them all. */
export function skippedText({ skipped, skippedNote }: Skipped): string | null {
  if (skipped === 0) return null;
  const more = skipped > SKIPPED_LISTED ? ` and ${skipped - SKIPPED_LISTED} more` : "";
  const head = skipped === 1 ? "1 site could not be read" : `${skipped} sites could not be read`;
  return `${head}${skippedNote ? `: ${skippedNote}` : ""}${more}. The next sync tries again.`;
}
