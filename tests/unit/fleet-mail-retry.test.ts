// Which alert-mail failures are tried again and when (lib/fleet/mail-retry.ts): SMTP 4xx and a
// connection that failed or timed out are tried again on a later scan, four tries over an hour;
// 5xx, a refused login and anything else stand at once. The scan that applies it, against a real
// SMTP server: tests/integration/fleet-alerts-retry.test.ts.
import { describe, expect, it } from "vitest";
import { isTransientMailError, MAIL_RETRY_MINUTES, nextMailTry } from "@/lib/fleet/mail-retry";

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
