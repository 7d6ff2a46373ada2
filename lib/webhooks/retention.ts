// How long the webhook log keeps its rows, and the prune that drops the rest (run every minute by
// lib/jobs/webhook-retention.ts). Two ages, by what a row is:
// - refused (verdict "rejected": a bad signature, a body too large, a store that failed and was answered
//   5xx): 7 days. A refusal matters while someone can act on it (a wrong secret, a skewed clock); CHeKT
//   retries a 5xx for 24 hours and catch-up reads what it missed, so the event itself is not lost with it.
// - the rest (accepted, duplicate, malformed: CHeKT's own signed deliveries): 90 days, a quarter, to answer
//   "did CHeKT deliver this alarm, when, how often" for an incident or a monthly review. The stored event
//   (webhook_events) is not pruned here; only its delivery rows go.
// The counters beside the log (refused deliveries past the daily cap, posts to unknown keys) go with the
// refused rows. Each batch is its own statement, so no run holds its row locks for long, and a run stops
// after a bounded number of batches: a backlog (the first run on an old table) drains over several minutes.
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { utc } from "@/lib/mirror/sql-values";
import { REFUSED_ROWS_PER_DAY } from "./refusal-cap";

type Db = Pick<PrismaClient, "$executeRaw">;

export const REFUSED_KEPT_DAYS = 7;
export const KEPT_DAYS = 90;
const DAY_MS = 86_400_000;

type RuleName = "refused" | "deliveries" | "refusalCounts" | "unknownKeys";

/** Rows of `table` matching `where` go, oldest (`age`) first: an index range, not a scan of the table. */
type Rule = {
  name: RuleName;
  table: "webhook_deliveries" | "webhook_refusal_counts" | "webhook_rejections";
  where: Prisma.Sql;
  age: "received_at" | "day";
};

/** What a run deletes, rule by rule, for rows as old as `now` makes them. */
function rules(now: Date): Rule[] {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const refusedDay = before(REFUSED_KEPT_DAYS).toISOString().slice(0, 10);
  return [
    {
      name: "refused",
      table: "webhook_deliveries",
      where: Prisma.sql`verdict = 'rejected' AND received_at < ${utc(before(REFUSED_KEPT_DAYS))}`,
      age: "received_at",
    },
    {
      name: "deliveries",
      table: "webhook_deliveries",
      where: Prisma.sql`received_at < ${utc(before(KEPT_DAYS))}`,
      age: "received_at",
    },
    {
      name: "refusalCounts",
      table: "webhook_refusal_counts",
      where: Prisma.sql`day < ${refusedDay}::date`,
      age: "day",
    },
    { name: "unknownKeys", table: "webhook_rejections", where: Prisma.sql`day < ${refusedDay}::date`, age: "day" },
  ];
}

export type PruneOptions = {
  now: Date;
  /** Rows one statement deletes at most. */
  batchSize?: number;
  /** Statements one run makes per rule at most. */
  maxBatches?: number;
};

export type PruneReport = {
  deleted: Record<RuleName, number>;
  /** A rule stopped at maxBatches with a full batch: the next run goes on. */
  more: boolean;
};

export async function pruneWebhookLog(
  db: Db,
  { now, batchSize = 1_000, maxBatches = 20 }: PruneOptions,
): Promise<PruneReport> {
  const report: PruneReport = { deleted: { refused: 0, deliveries: 0, refusalCounts: 0, unknownKeys: 0 }, more: false };
  for (const { name, table, where, age } of rules(now)) {
    for (let batch = 0, n = batchSize; n === batchSize; batch++) {
      if (batch === maxBatches) {
        report.more = true;
        break;
      }
      n = await db.$executeRaw`
        DELETE FROM ${Prisma.raw(table)} WHERE ctid = ANY(ARRAY(
          SELECT ctid FROM ${Prisma.raw(table)} WHERE ${where} ORDER BY ${Prisma.raw(age)} LIMIT ${batchSize}))`;
      report.deleted[name] += n;
    }
  }
  return report;
}

/** The webhook log page's line on what it keeps. */
export const RETENTION_TEXT =
  `Refused deliveries are kept ${REFUSED_KEPT_DAYS} days, the others ${KEPT_DAYS} days. Past ` +
  `${REFUSED_ROWS_PER_DAY} refused in a day (UTC), further refusals are counted, not listed one by one.`;
