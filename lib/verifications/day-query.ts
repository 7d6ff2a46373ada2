import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";

// Which day, and hour, a verification belongs to: when its alarm happened (occurred_at), what an
// operator means by "the alarms of Dec 3" — not when it reached us (created_at), which is past
// midnight for an alarm seconds before it, or hours later after a catch-up. The history's date
// filter and every figure of the desk report use it, so an alarm falls on the same day in both.

const occurredAt = (alias?: string) => Prisma.raw(alias ? `${alias}.occurred_at` : "occurred_at");

/** Occurred in [from, to): the Prisma form; either bound may be left out. */
export function occurredWhere(from?: Date, to?: Date): Prisma.VerificationWhereInput {
  return from || to ? { occurredAt: { ...(from ? { gte: from } : {}), ...(to ? { lt: to } : {}) } } : {};
}

/** Occurred in [range.from, range.to), for `verifications` (or its `alias`). */
export function occurredInSql(range: { from: Date; to: Date }, alias?: string): Prisma.Sql {
  return Prisma.sql`(${occurredAt(alias)} >= ${range.from} AND ${occurredAt(alias)} < ${range.to})`;
}

/** The UTC hour of day (0–23) the alarm happened in. */
export function occurredHourSql(alias?: string): Prisma.Sql {
  return Prisma.sql`EXTRACT(HOUR FROM ${occurredAt(alias)})::int`;
}
