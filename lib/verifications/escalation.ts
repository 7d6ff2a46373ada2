// Escalation on the alarm desk (issue 14 point 4), as pure functions of an item, a time and the
// dealer's settings: the queue calls them with its own clock, so tests need no waiting.
// Browser-safe (no server imports): components/verifications/queue/queue.tsx uses it.
import { plural } from "@/lib/plural";
import { msLeft } from "./open";

/** A dealer's escalation thresholds (`desk_escalation_settings`; these defaults when it has no row). */
export type EscalationSettings = {
  /** An alarm nobody has claimed for this long escalates (N). */
  unclaimedSeconds: number;
  /** An open alarm with less than this left escalates, claimed or not, and turns red (M). */
  remainingSeconds: number;
};

export const DEFAULT_ESCALATION: EscalationSettings = { unclaimedSeconds: 60, remainingSeconds: 120 };

/** The limits the settings form and its action accept. */
export const ESCALATION_LIMITS = { min: 10, max: 3600 } as const;

/** normal → amber once under half its time is left → red under M seconds. */
export type Urgency = "normal" | "amber" | "red";

export type EscalationItem = { state: string; occurredAt: string; expiresAt: string };

/**
 * Whole minutes left to answer, rounded up: "0 minutes" only once the time is up, never while some
 * remains (the dashboard's "expires in N min" and the screen reader's "…, N minutes" say this).
 */
export function minutesLeft(expiresAt: string | Date, now: number | Date): number {
  return Math.max(0, Math.ceil(msLeft(expiresAt, now) / 60_000));
}

/**
 * Under the dealer's M seconds left (`remainingSeconds`): red, wherever the item is drawn (the queue
 * row and the open detail view alike), and one of the two reasons an item escalates.
 */
export function isRunningOut(
  item: { expiresAt: string | Date },
  now: number | Date,
  remainingSeconds: number,
): boolean {
  return msLeft(item.expiresAt, now) < remainingSeconds * 1000;
}

export type ItemEscalation = {
  urgency: Urgency;
  /** Says the urgency in words, so it never rests on colour alone ("" when normal). */
  urgencyLabel: string;
  escalated: boolean;
  /** Why it escalated, for the notification and the row ("" when not). */
  reason: string;
  /** Seconds since the alarm occurred while still unclaimed (0 once claimed). */
  unclaimedForS: number;
  leftS: number;
};

export function escalationOf(item: EscalationItem, now: number, settings: EscalationSettings): ItemEscalation {
  const start = Date.parse(item.occurredAt);
  const end = Date.parse(item.expiresAt);
  const leftMs = end - now;
  const leftS = Math.max(0, Math.floor(leftMs / 1000));
  const total = end - start;
  const unclaimed = item.state === "pending";
  // The alarm's own time is the start: CHeKT's deadline is counted from it too.
  const unclaimedForS = unclaimed ? Math.max(0, Math.floor((now - start) / 1000)) : 0;

  const red = isRunningOut(item, now, settings.remainingSeconds);
  const amber = !red && total > 0 && leftMs < total / 2;
  const urgency: Urgency = red ? "red" : amber ? "amber" : "normal";
  const urgencyLabel = red
    ? `Under ${duration(settings.remainingSeconds)} left`
    : amber
      ? "Less than half the time left"
      : "";

  const runningOut = red;
  const waitedTooLong = unclaimed && unclaimedForS >= settings.unclaimedSeconds;
  const reason = waitedTooLong
    ? `Unclaimed for over ${duration(settings.unclaimedSeconds)}`
    : runningOut
      ? `Under ${duration(settings.remainingSeconds)} left`
      : "";
  return { urgency, urgencyLabel, escalated: waitedTooLong || runningOut, reason, unclaimedForS, leftS };
}

export type EscalationSummary = {
  /** Ids of escalated items, most urgent first (the order given). */
  ids: string[];
  unclaimed: number;
  runningOut: number;
  /** The admins' banner line, e.g. "2 alarms unclaimed for over 60 s"; "" when nothing escalated. */
  message: string;
};

/** The banner's summary over the open queue (items in queue order). */
export function summarizeEscalations<T extends EscalationItem & { id: string }>(
  items: T[],
  now: number,
  settings: EscalationSettings,
): EscalationSummary {
  const ids: string[] = [];
  let unclaimed = 0;
  let runningOut = 0;
  for (const item of items) {
    const e = escalationOf(item, now, settings);
    if (!e.escalated) continue;
    ids.push(item.id);
    if (item.state === "pending" && e.unclaimedForS >= settings.unclaimedSeconds) unclaimed++;
    else runningOut++;
  }
  const parts: string[] = [];
  if (unclaimed) parts.push(`${alarms(unclaimed)} unclaimed for over ${duration(settings.unclaimedSeconds)}`);
  if (runningOut) parts.push(`${alarms(runningOut)} with under ${duration(settings.remainingSeconds)} left`);
  return { ids, unclaimed, runningOut, message: parts.join(" · ") };
}

/** Items that escalated since the last call: each one sounds and notifies once. */
export function newlyEscalated(current: string[], seen: ReadonlySet<string>): string[] {
  return current.filter((id) => !seen.has(id));
}

const alarms = (n: number) => `${n} ${plural(n, "alarm")}`;

/** 60 → "60 s", 120 → "2 min", 90 → "90 s". */
export function duration(seconds: number): string {
  return seconds >= 120 && seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
}
