// The alert mail's transport (lib/fleet/mail.ts): the SMTP password travels only encrypted — implicit TLS on 465,
// STARTTLS required on any other port — except to this machine (the tests' SMTP catcher listens on 127.0.0.1 in
// plain text). And the subject's count is grouped as every count of the console is (lib/count-text.ts).
import { beforeEach, describe, expect, it, vi } from "vitest";

const sent = vi.hoisted(() => ({ options: [] as Record<string, unknown>[], mails: [] as Record<string, unknown>[] }));
vi.mock("nodemailer", () => ({
  default: {
    createTransport: (options: Record<string, unknown>) => {
      sent.options.push(options);
      return {
        sendMail: async (mail: Record<string, unknown>) => void sent.mails.push(mail),
        close: () => undefined,
      };
    },
  },
}));

const { sendAlertMail } = await import("@/lib/fleet/mail");
const NOW = new Date("2026-12-01T12:00:00Z");
const alert = (i: number) => ({
  deviceId: i,
  siteId: 10,
  deviceName: `Cam ${i}`,
  offlineSince: new Date(NOW.getTime() - 3_600_000),
});
const smtp = (host: string, port: number) => ({
  host,
  port,
  user: "alerts",
  password: "s3cret",
  from: "console@example.com",
  to: ["ops@example.com"],
});

beforeEach(() => {
  sent.options.length = 0;
  sent.mails.length = 0;
});

describe("the alert mail's transport", () => {
  it("requires STARTTLS on 587 (and any port but 465), so the password never crosses in plain text", async () => {
    for (const port of [587, 25, 2525]) await sendAlertMail(smtp("smtp.example.com", port), [alert(1)], 30, NOW);
    expect(sent.options.map((o) => [o.secure, o.requireTLS])).toEqual([
      [false, true],
      [false, true],
      [false, true],
    ]);
  });

  it("uses implicit TLS on 465", async () => {
    await sendAlertMail(smtp("smtp.example.com", 465), [alert(1)], 30, NOW);
    expect(sent.options[0]).toMatchObject({ secure: true });
  });

  it("allows plain SMTP to this machine only", async () => {
    for (const host of ["127.0.0.1", "localhost", "127.1.2.3"])
      await sendAlertMail(smtp(host, 2525), [alert(1)], 30, NOW);
    expect(sent.options.map((o) => o.requireTLS)).toEqual([false, false, false]);
    for (const host of ["localhost.example.com", "127.0.0.1.example.com", "10.0.0.1"])
      await sendAlertMail(smtp(host, 2525), [alert(1)], 30, NOW);
    expect(sent.options.slice(3).map((o) => o.requireTLS)).toEqual([true, true, true]);
  });
});

describe("the alert mail", () => {
  it("groups the count in its subject", async () => {
    const alerts = Array.from({ length: 1234 }, (_, i) => alert(i));
    await sendAlertMail(smtp("smtp.example.com", 587), alerts, 30, NOW);
    expect(sent.mails[0]?.subject).toBe("1,234 devices offline longer than 30 minutes");
  });
});
