import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { ANSWERED_STATES, OPEN_STATES } from "./open";
import type { VerificationState } from "./types";

// The open rule of open.ts for the database: a Prisma `where` and SQL fragments over the
// `verifications` table, so every query that lists, counts or sweeps open items says it the same way.

/** Open verifications at `now` (spread beside the dealer link: `{ dealerLinkId, ...openWhere(now) }`). */
export function openWhere(now: Date) {
  return {
    state: { in: [...OPEN_STATES] },
    expiresAt: { gt: now },
  } satisfies Prisma.VerificationWhereInput;
}

// The states are our own constants, written as literals: a bound text parameter would not compare
// with the enum column.
const stateList = (states: readonly string[]) => Prisma.raw(states.map((s) => `'${s}'`).join(", "));
const OPEN_STATE_LIST = stateList(OPEN_STATES);
const ANSWERED_STATE_LIST = stateList(ANSWERED_STATES);
const column = (alias: string | undefined, name: string) => Prisma.raw(alias ? `${alias}.${name}` : name);

/** `state IN ('pending', 'claimed') AND expires_at > now`, for `verifications` (or its `alias`). */
export function openSql(now: Date, alias?: string): Prisma.Sql {
  return Prisma.sql`(${column(alias, "state")} IN (${OPEN_STATE_LIST}) AND ${column(alias, "expires_at")} > ${now})`;
}

/** Answered (isAnswered in open.ts): `state IN ('dispatched', 'disregarded')`, for `verifications` (or its `alias`). */
export function answeredSql(alias?: string): Prisma.Sql {
  return Prisma.sql`${column(alias, "state")} IN (${ANSWERED_STATE_LIST})`;
}

/** Overdue: in an open state but past the deadline, i.e. expired though the sweep has not said so yet. */
export function overdueSql(now: Date, alias?: string): Prisma.Sql {
  return Prisma.sql`(${column(alias, "state")} IN (${OPEN_STATE_LIST}) AND ${column(alias, "expires_at")} <= ${now})`;
}

/** Expired at `now` as a user sees it (stateAt in open.ts): so stated, or overdue with the sweep still to run. */
export function expiredSql(now: Date, alias?: string): Prisma.Sql {
  return Prisma.sql`(${column(alias, "state")} = 'expired' OR ${overdueSql(now, alias)})`;
}

/**
 * Verifications in `state` at `now` as a user sees it (stateAt in open.ts): overdue ones are expired,
 * not pending or claimed. The history's state filter; the report's expired counts are expiredSql.
 */
export function stateWhere(state: VerificationState, now: Date): Prisma.VerificationWhereInput {
  if (state === "expired") return { OR: [{ state }, { state: { in: [...OPEN_STATES] }, expiresAt: { lte: now } }] };
  return OPEN_STATES.some((s) => s === state) ? { state, expiresAt: { gt: now } } : { state };
}
