// The answer's rules, apart from the database and CHeKT: what each action leaves the item in, how
// long a failed send is retried and what the operator is told when the retries end.
import { retryWaitMs, type ChektError } from "@/lib/chekt/errors";
import { utcText } from "@/lib/utc-text";
import type { AnswerAction } from "./answer-actions";
import type { AnsweredState } from "./open";
import type { CheckedStep } from "./outcomes-schemas";

export type { AnswerAction };

export type AnswerResult =
  | { outcome: "answered"; state: AnsweredState; traceId: string }
  | { outcome: "expired"; message: string }
  /**
   * CHeKT did not answer in time (429, 5xx, dropped): the browser waits `retryInMs` and sends again with the same key.
   */
  | { outcome: "retrying"; retryInMs: number; reason: string; windowEndsAt: string }
  /** The retry window is over and CHeKT may have applied it: the operator checks with CHeKT. */
  | { outcome: "uncertain"; message: string }
  /** The retry window is over and CHeKT certainly did not apply it: nothing was recorded. */
  | { outcome: "not_sent"; message: string };

export const EXPIRED_MESSAGE =
  "CHeKT no longer accepts an answer for this alarm: it expired or was already answered elsewhere. It has " +
  "left the queue; nothing was sent to responders by us.";

// Each server-side attempt is short so the operator sees why an answer waits (and can cancel)
// instead of a silent spinner; the browser resends with the stored key until the window closes.
export const ATTEMPT_DEADLINE_MS = 4_000;
export const MIN_RETRY_MS = 1_000;
const MAX_RETRY_MS = 10_000;

export const STATE_OF: Record<AnswerAction, AnsweredState> = {
  dispatch: "dispatched",
  disregard: "disregarded",
};

/** The stored answer's columns cleared: the operator may send it again or answer differently. */
export const FORGOTTEN_ANSWER = {
  answerIdemKey: null,
  answerAction: null,
  answerContactId: null,
  answeredAt: null,
  answerSentById: null,
  answerSentByName: null,
};

/**
 * What an operator is told about an item answered already: "Already dispatched by Alice at 2026-12-03
 * 14:34:52 UTC." (when the answer was sent), whether their own second click, another tab or someone else.
 */
export function alreadyAnswered(row: { state: string; answeredByName: string | null; answeredAt: Date | null }) {
  const at = row.answeredAt ? ` at ${utcText(row.answeredAt, "second")}` : "";
  return `Already ${row.state} by ${row.answeredByName ?? "another operator"}${at}.`;
}

/** One verification of one dealer, as Prisma's unique key names it. */
export const verificationKey = (dealerLinkId: string, id: string) => ({ dealerLinkId_id: { dealerLinkId, id } });

export function reasonOf(e: ChektError): string {
  if (e.kind === "rate_limited") return "CHeKT's rate limit";
  if (e.kind === "network") return "a dropped connection to CHeKT";
  if (e.kind === "timeout") return "CHeKT not answering in time";
  return `CHeKT answering ${e.status ?? "an error"}`;
}

/** Retries end VERIFICATION_ANSWER_RETRY_SECONDS after the first attempt, and never past the alarm's deadline. */
export function retryWindowEndsAt(respondedAt: Date, expiresAt: Date, retrySeconds: number): Date {
  return new Date(Math.min(respondedAt.getTime() + retrySeconds * 1000, expiresAt.getTime()));
}

/** How long the browser waits before resending: what CHeKT asks (or the shared default), within the window left. */
export function retryDelayMs(leftMs: number, e: ChektError): number {
  return Math.min(MAX_RETRY_MS, leftMs - MIN_RETRY_MS, Math.max(MIN_RETRY_MS, retryWaitMs(e)));
}

/** The retry window closed on a transient failure: "check with CHeKT" when it may have applied, else "send again". */
export function gaveUp(action: AnswerAction, e: ChektError, mayHaveApplied: boolean): AnswerResult {
  return mayHaveApplied
    ? {
        outcome: "uncertain",
        message:
          `CHeKT did not confirm the ${action} in time (${reasonOf(e)}). It may or may not have been ` +
          "saved — check with CHeKT.",
      }
    : {
        outcome: "not_sent",
        message: `CHeKT did not take the ${action} in time (${reasonOf(e)}). Nothing was recorded; send it again.`,
      };
}

/** The checked steps as the answer stored them (JSON). */
export function storedSteps(json: unknown): CheckedStep[] {
  if (!Array.isArray(json)) return [];
  return json.flatMap((s: unknown) => {
    if (typeof s !== "object" || s === null || !("id" in s) || !("text" in s)) return [];
    const { id, text } = s;
    const optional = "optional" in s && s.optional === true;
    const checked = "checked" in s && s.checked === true;
    return typeof id === "string" && typeof text === "string" ? [{ id, text, optional, checked }] : [];
  });
}
