// Which alert-mail failures are tried again and when (lib/fleet/mail-retry.ts): SMTP 4xx and a
// connection that failed or timed out are tried again on a later scan, four tries over an hour;
// 5xx, a refused login and anything else stand at once; and what the alert list says meanwhile. The
// scan that applies it, against a real SMTP server: tests/integration/fleet-alerts.test.ts.
import { describe, expect, it } from "vitest";
import { alertMail, isTransientMailError, MAIL_RETRY_MINUTES, nextMailTry } from "@/lib/fleet/mail-retry";

/** An error as nodemailer makes one: `code` what failed, `responseCode` the SMTP reply if one came. */
const smtpError = (code: string, responseCode?: number) => Object.assign(new Error("x"), { code, responseCode });

describe("isTransientMailError", () => {
  it("an SMTP 4xx is transient, a 5xx is not, whatever the code", () => {
    expect(isTransientMailError(smtpError("EENVELOPE", 450))).toBe(true);
    expect(isTransientMailError(smtpError("EPROTOCOL", 421))).toBe(true);
    expect(isTransientMailError(smtpError("EAUTH", 454))).toBe(true);
    expect(isTransientMailError(smtpError("EENVELOPE", 550))).toBe(false);
    expect(isTransientMailError(smtpError("EAUTH", 535))).toBe(false);
  });

  it("a failed, broken or timed-out connection is transient; a login refused without a reply, or else, is not", () => {
    for (const code of ["ECONNECTION", "ESOCKET", "ETIMEDOUT", "EDNS"])
      expect(isTransientMailError(smtpError(code))).toBe(true);
    for (const code of ["EAUTH", "EENVELOPE", "EMESSAGE", "ETLS"])
      expect(isTransientMailError(smtpError(code))).toBe(false);
    expect(isTransientMailError(new Error("Unsupported state or unable to authenticate data"))).toBe(false);
    expect(isTransientMailError("ECONNECTION")).toBe(false);
    expect(isTransientMailError(null)).toBe(false);
  });
});

describe("nextMailTry", () => {
  const now = new Date("2026-12-01T12:00:00Z");
  const minutesOn = (d: Date | null) => (d ? (d.getTime() - now.getTime()) / 60_000 : null);

  it("a transient failure is tried again 5, 15 and 40 minutes on: four tries within the hour, then none", () => {
    expect([1, 2, 3, 4].map((tries) => minutesOn(nextMailTry(tries, true, now)))).toEqual([5, 15, 40, null]);
    expect(MAIL_RETRY_MINUTES.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(60);
  });

  it("a permanent failure is not tried again", () => {
    expect(nextMailTry(1, false, now)).toBeNull();
  });
});

describe("alertMail: what the alert list says of an alert's mail", () => {
  const now = new Date("2026-12-01T12:00:00Z");
  const unsent = { emailedAt: null, emailError: null, emailAttempts: 0, emailRetryAt: null };
  const failed = (attempts: number, retryAt: Date | null, error = "connect ECONNREFUSED 127.0.0.1:2525") => ({
    ...unsent,
    emailError: error,
    emailAttempts: attempts,
    emailRetryAt: retryAt,
  });

  it("nothing before the first try; Mailed once sent, whatever failed before", () => {
    expect(alertMail(unsent, now)).toBeNull();
    expect(alertMail({ ...unsent, emailedAt: now, emailAttempts: 2 }, now)).toEqual({
      state: "mailed",
      text: "Mailed",
    });
  });

  it("a failure for now: not sent yet, the reason, when and which try comes next", () => {
    expect(alertMail(failed(1, new Date("2026-12-01T12:05:00Z")), now)).toEqual({
      state: "waiting",
      text: "Mail not sent yet: connect ECONNREFUSED 127.0.0.1:2525 — trying again at 12:05 UTC (try 2 of 4)",
      reason: "connect ECONNREFUSED 127.0.0.1:2525",
    });
    expect(alertMail(failed(3, new Date("2026-12-01T12:40:00Z")), now)?.text).toMatch(/at 12:40 UTC \(try 4 of 4\)$/);
    // Due and not yet taken by a scan: it goes within the minute.
    expect(alertMail(failed(2, now), now)?.text).toMatch(/— trying again now \(try 3 of 4\)$/);
    // Past midnight the day is named.
    const late = new Date("2026-12-01T23:58:00Z");
    expect(alertMail(failed(1, new Date("2026-12-02T00:03:00Z")), late)?.text).toMatch(/at 2026-12-02 00:03 UTC /);
  });

  it("a failure that stands: Mail failed and the reason, 'Gave up after 4 tries' once tries ran out", () => {
    expect(alertMail(failed(1, null, "550 No such mailbox"), now)).toEqual({
      state: "failed",
      text: "Mail failed: 550 No such mailbox",
      reason: "550 No such mailbox",
    });
    expect(alertMail(failed(4, null, "Gave up after 4 tries: connect ECONNREFUSED"), now)?.text).toBe(
      "Mail failed: Gave up after 4 tries: connect ECONNREFUSED",
    );
  });

  it("a failure for now shows the server's reply, not nodemailer's words before it; whole in `reason`", () => {
    const retryAt = new Date("2026-12-01T12:05:00Z");
    const greylisted = "Can't send mail - all recipients were rejected: 451 4.7.1 Greylisted, please try again later";
    expect(alertMail(failed(1, retryAt, greylisted), now)).toEqual({
      state: "waiting",
      text: "Mail not sent yet: 451 4.7.1 Greylisted, please try again later — trying again at 12:05 UTC (try 2 of 4)",
      reason: greylisted,
    });
    const busy = "Invalid greeting. response=421 4.3.2 Service not available";
    expect(alertMail(failed(1, retryAt, busy), now)?.text).toMatch(/^Mail not sent yet: 421 4\.3\.2 Service not avail/);
    // A port is not a reply; a failure that stands keeps nodemailer's words ("rejected" is then what happened).
    expect(alertMail(failed(1, retryAt, "connect ETIMEDOUT 10.0.0.4:465"), now)?.text).toMatch(
      /^Mail not sent yet: connect ETIMEDOUT 10\.0\.0\.4:465 — /,
    );
    expect(alertMail(failed(1, null, "Can't send mail - all recipients were rejected: 550 No"), now)?.text).toBe(
      "Mail failed: Can't send mail - all recipients were rejected: 550 No",
    );
  });

  it("a long reason is cut to one line in the text, whole in `reason`", () => {
    const long = `421 ${"x".repeat(200)}`;
    const m = alertMail(failed(1, new Date("2026-12-01T12:05:00Z"), long), now);
    expect(m?.text).toMatch(/^Mail not sent yet: 421 x+… — trying again at 12:05 UTC \(try 2 of 4\)$/);
    expect(m?.text.length).toBeLessThan(130);
    expect(m).toMatchObject({ reason: long });
  });
});
