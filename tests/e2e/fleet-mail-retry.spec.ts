// An alert mail the dealer's SMTP server answers with "451, try again later" (greylisting), in a real
// browser: a camera of a site of the test's own goes offline on CHeKT, moved back two hours in the
// database instead of waited for (as fleet.spec.ts does); the app's own scan raises its alert — the spec
// queues the scan's job itself rather than wait for the minute's (the stack polls it every second) — and
// tries the mail against an SMTP catcher in this process (smtp-tester, as the integration tests
// use) that answers every recipient 451. The alerts list then says the mail is not sent yet, why, and
// when it is tried again (lib/fleet/mail-retry.ts). Dealer 1's SMTP settings and the mail state of the
// alerts that were waiting for a mail are put back after. axe; laptop and phone screenshots under
// /tmp/shots/f5.
import { expect, test } from "@playwright/test";
import * as smtpTester from "smtp-tester";
import { freePort } from "../../scripts/lib/postgres";
import { utcBrief } from "../../lib/utc-text";
import { e2eSim } from "./setup";
import { simDeviceStatus } from "../support/sim-control";
import { sendOnlyBoss } from "./setup/boss";
import { sql } from "./setup/db";
import { partner } from "./setup/partner";
import { expectNoSeriousA11y, fitsTheWidth, screenshotsTo, SMALL_LAPTOP_AND_PHONE } from "./setup/page-checks";
import { newSite, refreshDevices, stamp } from "./devices-helpers";

const shots = screenshotsTo("/tmp/shots/f5", {
  makeDir: true,
  sizes: SMALL_LAPTOP_AND_PHONE,
  check: fitsTheWidth,
});

type SmtpColumns = {
  smtp_host: string | null;
  smtp_port: number | null;
  smtp_user: string | null;
  smtp_password_sealed: string | null;
  smtp_from: string | null;
  smtp_recipients: string[];
};

let mail: smtpTester.MailServer | undefined;
let linkId: string;
/** Dealer 1's SMTP settings before the test (null: it had no settings row). */
let before: SmtpColumns | null;
/** Dealer 1's alerts that were waiting for their first mail: this test's mail takes them along. */
let waiting: string[];
let deviceId: number | undefined;

test.beforeEach(async () => {
  [{ id: linkId }] = (await sql<{ id: string }>("SELECT id FROM dealer_links WHERE chekt_dealer_id = 1")) as [
    { id: string },
  ];
  before =
    (
      await sql<SmtpColumns>(
        `SELECT smtp_host, smtp_port, smtp_user, smtp_password_sealed, smtp_from, smtp_recipients
           FROM fleet_settings WHERE dealer_link_id = $1`,
        [linkId],
      )
    )[0] ?? null;
  waiting = (
    await sql<{ id: string }>(
      `SELECT id FROM fleet_alerts WHERE dealer_link_id = $1 AND cleared_at IS NULL AND emailed_at IS NULL
         AND email_error IS NULL`,
      [linkId],
    )
  ).map((r) => r.id);
});

test.afterEach(async () => {
  if (before)
    await sql(
      `UPDATE fleet_settings SET smtp_host = $2, smtp_port = $3, smtp_user = $4, smtp_password_sealed = $5,
         smtp_from = $6, smtp_recipients = $7, updated_at = now() WHERE dealer_link_id = $1`,
      [
        linkId,
        before.smtp_host,
        before.smtp_port,
        before.smtp_user,
        before.smtp_password_sealed,
        before.smtp_from,
        before.smtp_recipients,
      ],
    );
  else await sql("DELETE FROM fleet_settings WHERE dealer_link_id = $1", [linkId]);
  await sql(
    `UPDATE fleet_alerts SET email_error = NULL, email_attempts = 0, email_retry_at = NULL
      WHERE id = ANY($1::text[]) AND emailed_at IS NULL`,
    [waiting],
  );
  if (deviceId !== undefined) await simDeviceStatus(e2eSim, deviceId, { status: "online" });
  deviceId = undefined;
  const server = mail;
  mail = undefined;
  if (server) await new Promise<void>((resolve) => server.stop(() => resolve()));
});

/** The app's fleet scan, now: its pg-boss job (lib/jobs/fleet-alerts.ts) as the once-a-minute schedule sends it. */
async function queueFleetScan() {
  const boss = sendOnlyBoss();
  await boss.start();
  try {
    await boss.send("fleet-alerts", {});
  } finally {
    await boss.stop({ graceful: false, wait: false }).catch(() => undefined);
  }
}

test("fleet alert mail: a server that says 451 (try later) leaves the alert saying when it is tried again", async ({
  page,
}) => {
  const port = await freePort();
  mail = smtpTester.init(port, { disableDNSValidation: true });
  let tries = 0;
  mail.smtpServer.onRcptTo = (_address, _session, callback) => {
    tries++;
    callback(Object.assign(new Error("4.7.1 Greylisted, please try again later"), { responseCode: 451 }));
  };
  await sql(
    `INSERT INTO fleet_settings (dealer_link_id, smtp_host, smtp_port, smtp_from, smtp_recipients, updated_at)
     VALUES ($1, '127.0.0.1', $2, 'console@example.com', ARRAY['ops@example.com'], now())
     ON CONFLICT (dealer_link_id) DO UPDATE SET smtp_host = '127.0.0.1', smtp_port = $2, smtp_user = NULL,
       smtp_password_sealed = NULL, smtp_from = 'console@example.com', smtp_recipients = ARRAY['ops@example.com'],
       updated_at = now()`,
    [linkId, port],
  );

  // A camera of a site of this test's own, made CHeKT-side and brought into the mirror.
  const { siteId, siteName } = await newSite(page, "Mail retry", "admin");
  const external = `mail-retry-${stamp}`;
  const name = `Greylisted gate ${stamp}`;
  await partner(`/sites/${siteId}/devices`, "POST", [
    { external_device_id: external, device_type: "camera", name, zone_number: "1" },
  ]);
  await refreshDevices(page, siteId);
  await expect(page.getByTestId(`device-${external}`)).toContainText(name);
  const [{ chekt_id }] = (await sql<{ chekt_id: number }>(
    "SELECT chekt_id FROM mirror_devices WHERE dealer_link_id = $1 AND site_id = $2 AND external_id = $3",
    [linkId, siteId, external],
  )) as [{ chekt_id: number }];
  deviceId = chekt_id;

  // CHeKT says it went offline (device.offline webhook); the spell is moved back past the threshold.
  await simDeviceStatus(e2eSim, deviceId, { status: "offline" });
  await expect
    .poll(
      async () =>
        (
          await sql<{ status: string }>(
            "SELECT status FROM mirror_devices WHERE dealer_link_id = $1 AND chekt_id = $2",
            [linkId, deviceId],
          )
        )[0]?.status,
    )
    .toBe("offline");
  await sql(
    `UPDATE mirror_devices SET status_at = now() - interval '2 hours', last_seen_at = now() - interval '2 hours'
      WHERE dealer_link_id = $1 AND chekt_id = $2`,
    [linkId, deviceId],
  );

  // The app's scan raises the alert and tries the mail: the server says later. The queued scan starts
  // within 45 s even where the queue is polled every 30 s (the default), not every second.
  await queueFleetScan();
  type Alert = { email_error: string | null; email_attempts: number; email_retry_at: Date | null };
  const alert = async () =>
    (
      await sql<Alert>(
        `SELECT email_error, email_attempts, email_retry_at FROM fleet_alerts
          WHERE dealer_link_id = $1 AND device_id = $2 AND cleared_at IS NULL`,
        [linkId, deviceId],
      )
    )[0];
  await expect.poll(async () => (await alert())?.email_error ?? null, { timeout: 45_000 }).toMatch(/451/);
  const { email_error: reason, email_attempts: attempts, email_retry_at: retryAt } = (await alert())!;
  expect(attempts).toBe(1);
  expect(tries).toBeGreaterThanOrEqual(1);

  // What the list says: not sent yet, the server's reason, when the next try goes and which it is.
  await page.goto("/fleet/alerts");
  const row = page.getByTestId("open-alert").filter({ hasText: name });
  await expect(row).toContainText(`${name} at ${siteName}`);
  // The server's own reply, not nodemailer's "Can't send mail - all recipients were rejected: 451 4.7.1 G…".
  await expect(row.getByText(/^Mail not sent yet: /)).toHaveText(
    "Mail not sent yet: 451 4.7.1 Greylisted, please try again later — " +
      `trying again at ${utcBrief(retryAt!, new Date())} (try 2 of 4)`,
  );
  // The whole reason, however long, one tap away (not a tooltip only a mouse could show).
  await row.getByText("The whole error").click();
  await expect(row.getByTestId("mail-error")).toHaveText(reason!);
  await expect(row.locator("[title]")).toHaveCount(0);
  await expect(row).not.toContainText("Mail failed");
  await expectNoSeriousA11y(page, "main");
  await row.scrollIntoViewIfNeeded();
  await shots(page, "fleet-alert-mail-retry");
});
