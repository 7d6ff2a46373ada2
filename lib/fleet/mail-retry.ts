// Which alert-mail failures are tried again on a later scan (docs/fleet.md), and when. Pure module.
// A server that said "later" (an SMTP 4xx: greylisting, too busy) or that could not be reached or
// did not answer in time may take the mail in minutes; one that refused it (5xx: no such mailbox,
// bad login) or settings here that cannot be used (an unreadable stored password) will refuse it
// again, so that failure stands on the alert for an admin to fix, with no tries against it every
// minute. The alert list says which of the two an alert's failure is (alertMail).
import { isRecord } from "@/lib/is-record";
import { utcBrief } from "@/lib/utc-text";

/** Minutes from each failed try to the next: four tries over an hour, then the failure stands. */
export const MAIL_RETRY_MINUTES = [5, 15, 40] as const;

/** Tries of one alert's mail in all, the first included. */
export const MAIL_TRIES = MAIL_RETRY_MINUTES.length + 1;

/** nodemailer's codes for a connection that failed, broke or timed out (no SMTP answer to go by). */
const CONNECTION_CODES = new Set(["ECONNECTION", "ESOCKET", "ETIMEDOUT", "EDNS"]);

/** nodemailer's error (responseCode: the SMTP reply; code: what failed) says the same mail may go through later. */
export function isTransientMailError(e: unknown): boolean {
  if (!isRecord(e)) return false;
  if (typeof e.responseCode === "number") return e.responseCode >= 400 && e.responseCode < 500;
  return typeof e.code === "string" && CONNECTION_CODES.has(e.code);
}

/** When the try after failed try number `tries` (from 1) goes, or null when none does. */
export function nextMailTry(tries: number, transient: boolean, now: Date): Date | null {
  const wait = transient ? MAIL_RETRY_MINUTES[tries - 1] : undefined;
  return wait === undefined ? null : new Date(now.getTime() + wait * 60_000);
}

/** Where an alert's mail stands, in the alert list's words; `reason` whole, for when the text cuts it short. */
export type AlertMail =
  { state: "mailed"; text: string } | { state: "waiting" | "failed"; text: string; reason: string };

/** The most of the reason the list's one-line badge shows. */
const REASON_CHARS = 60;

/**
 * A failure for now as the server said it, from its 4xx reply on: nodemailer leads the reply with its own
 * words ("Can't send mail - all recipients were rejected: 451 4.7.1 Greylisted…"), which sound final and
 * filled the badge, cutting off the server's reason. Without a reply (a connection refused) the whole reason.
 */
const serverSaid = (reason: string): string => /(?:^|[\s:=])(4\d\d[ -][\s\S]*)$/.exec(reason)?.[1] ?? reason;

/**
 * An alert's mail as the list says it: mailed; failed for now, with when it is tried again (a
 * failure with a next try, lib/fleet/alerts.ts); failed for good (no next try: the reason stands,
 * "Gave up after 4 tries: …" once a failure for now ran out of tries); or null, not tried yet.
 */
export function alertMail(
  a: { emailedAt: Date | null; emailError: string | null; emailAttempts: number; emailRetryAt: Date | null },
  now: Date,
): AlertMail | null {
  if (a.emailedAt) return { state: "mailed", text: "Mailed" };
  if (!a.emailError) return null;
  const reason = a.emailError;
  const cut = (text: string) => (text.length > REASON_CHARS ? `${text.slice(0, REASON_CHARS - 1)}…` : text);
  if (!a.emailRetryAt) return { state: "failed", text: `Mail failed: ${cut(reason)}`, reason };
  const shown = cut(serverSaid(reason));
  // A try that is due goes with the next scan, within the minute.
  const when = a.emailRetryAt > now ? `at ${utcBrief(a.emailRetryAt, now)}` : "now";
  const tryN = `try ${a.emailAttempts + 1} of ${MAIL_TRIES}`;
  return { state: "waiting", text: `Mail not sent yet: ${shown} — trying again ${when} (${tryN})`, reason };
}
