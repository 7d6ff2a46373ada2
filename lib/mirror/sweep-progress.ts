// Where a dealer's sweep (sweep.ts) stands, as mirror_syncs keeps it: the point a run starts or
// resumes from, and the one-statement progress saves made after every page and every site.
import { Prisma, type MirrorSync } from "@/lib/generated/prisma/client";
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
export function saveSql(dealerLinkId: string, data: Progress): Prisma.Sql {
  const set = PROGRESS_COLUMNS.filter(([k]) => data[k] !== undefined).map(
    ([k, column]) => Prisma.sql`${Prisma.raw(column)} = ${data[k]}`,
  );
  return Prisma.sql`UPDATE mirror_syncs SET ${Prisma.join([...set, Prisma.sql`updated_at = ${utc(new Date())}`])}
    WHERE dealer_link_id = ${dealerLinkId}`;
}

/** The phase a run is in, the last CHeKT id it finished there, and how many it has done. */
export type Position = { phase: SweepPhase; cursor: number | null; done: number };

export type StartPoint = Position & { startedAt: Date; firstSync: boolean; resumed: boolean };

const isSweepPhase = (phase: string): phase is SweepPhase => SWEEP_PHASES.some((p) => p === phase);

/** A sweep cut off or failed resumes from its saved phase and cursor; anything else starts at the dealer. */
export function startPoint(
  prior: Pick<MirrorSync, "state" | "firstSync" | "phase" | "cursor" | "done" | "startedAt"> | null,
  now: () => Date,
): StartPoint {
  const firstSync = !prior || prior.firstSync;
  if (prior && (prior.state === "running" || prior.state === "failed") && prior.phase && prior.startedAt) {
    const phase = isSweepPhase(prior.phase) ? prior.phase : "dealer";
    return { phase, cursor: prior.cursor, done: prior.done, startedAt: prior.startedAt, firstSync, resumed: true };
  }
  return { phase: "dealer", cursor: null, done: 0, startedAt: now(), firstSync, resumed: false };
}
