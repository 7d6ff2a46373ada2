// Which alert-mail failures are tried again on a later scan (docs/fleet.md), and when. Pure module.
// A server that said "later" (an SMTP 4xx: greylisting, too busy) or that could not be reached or
// did not answer in time may take the mail in minutes; one that refused it (5xx: no such mailbox,
// bad login) or settings here that cannot be used (an unreadable stored password) will refuse it
// again, so that failure stands on the alert for an admin to fix, with no tries against it every
// minute.
import { isRecord } from "@/lib/is-record";

/** Minutes from each failed try to the next: four tries over an hour, then the failure stands. */
export const MAIL_RETRY_MINUTES = [5, 15, 40] as const;

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
