import "server-only";
// The alert mail, sent with nodemailer through the dealer's own SMTP server.
import nodemailer from "nodemailer";
import { countText } from "@/lib/count-text";
import { duration, minutesText } from "@/lib/duration-text";
import { plural } from "@/lib/plural";

export type SmtpSettings = {
  host: string;
  port: number;
  user: string | null;
  password: string | null;
  from: string;
  to: string[];
};
type AlertLine = { deviceId: number; siteId: number; deviceName: string; offlineSince: Date };

/**
 * This machine by name or loopback address (the host field takes no IPv6). Only there may SMTP go unencrypted: the
 * SMTP catcher of tests and local development (smtp-tester, tests/integration/fleet-alerts.test.ts) speaks no TLS.
 */
const isLoopback = (host: string): boolean =>
  host.toLowerCase() === "localhost" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);

export async function sendAlertMail(
  smtp: SmtpSettings,
  alerts: AlertLine[],
  thresholdMin: number,
  now: Date,
): Promise<void> {
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.port === 465,
    // Elsewhere STARTTLS or no mail: nodemailer would otherwise send the login in plain text to a server (or a
    // man in the middle) that offers no STARTTLS.
    requireTLS: smtp.port !== 465 && !isLoopback(smtp.host),
    auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? "" } : undefined,
    // A dead server must not hold the job: fail in seconds and say so on the alert.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  // Durations in the fleet page's words (lib/duration-text.ts): the mail and the page it points to agree.
  const lines = alerts.map(
    (a) =>
      `- ${a.deviceName} (device #${a.deviceId}, site #${a.siteId}): ` +
      `offline since ${a.offlineSince.toISOString()} (${duration(a.offlineSince, now)})`,
  );
  const threshold = minutesText(thresholdMin);
  await transport.sendMail({
    from: smtp.from,
    to: smtp.to,
    subject: `${countText(alerts.length)} ${plural(alerts.length, "device")} offline longer than ${threshold}`,
    text:
      `These devices have been offline longer than ${threshold}:\n\n${lines.join("\n")}\n\nSee ` +
      "the fleet page of the dealer console for the current state.",
  });
  transport.close();
}
