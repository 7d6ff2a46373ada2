// What "open" means for a verification, in one place: still to answer, and not past CHeKT's deadline.
// The expiry sweep (expire.ts) moves overdue items to `expired` only every so often, so the state
// alone is not enough: an item still `pending` a second after its deadline can no longer be
// answered. SQL and Prisma forms of the same rule: open-query.ts. No server imports: the queue's
// client components use it too.
import type { VerificationState } from "./types";

/** The states an item can be answered (or claimed) in; past its deadline it is overdue instead. */
export const OPEN_STATES = ["pending", "claimed"] as const satisfies readonly VerificationState[];

/** The states of an answered item: an operator dispatched or disregarded it (SQL form: answeredSql). */
export const ANSWERED_STATES = ["dispatched", "disregarded"] as const satisfies readonly VerificationState[];
export type AnsweredState = (typeof ANSWERED_STATES)[number];

export function isAnswered(state: string): state is AnsweredState {
  return ANSWERED_STATES.some((s) => s === state);
}

export type Deadline = { state: string; expiresAt: string | Date };

const ms = (t: string | Date | number) =>
  typeof t === "number" ? t : typeof t === "string" ? Date.parse(t) : t.getTime();

/** Open at `now`: pending or claimed, with time left (exactly at the deadline it is not). */
export function isOpen(item: Deadline, now: number | Date): boolean {
  return OPEN_STATES.some((s) => s === item.state) && msLeft(item.expiresAt, now) > 0;
}

/**
 * The state a user sees at `now`: an open item past its deadline is expired, though the sweep has not
 * moved it yet. The history shows and filters it so, and the desk report counts it so (open-query.ts).
 */
export function stateAt<S extends string>(item: { state: S; expiresAt: string | Date }, now: number | Date) {
  return OPEN_STATES.some((s) => s === item.state) && msLeft(item.expiresAt, now) <= 0 ? "expired" : item.state;
}

/** Milliseconds from `now` to a deadline (negative once past it); the time-left rules build on it. */
export function msLeft(expiresAt: string | Date, now: number | Date): number {
  return ms(expiresAt) - ms(now);
}
