// The live queue when its stream is refused, in a real browser: a user of the test's own has the queue
// open and live with an alarm on it; then their session is ended on the server (as a sign-out elsewhere,
// a password reset or an admin does), or they are taken off the dealer. The stream's next heartbeat
// check ends it, its reconnect is refused, and the queue says it is not live and why, keeps the rows it
// has, and offers the way on (Reload: back to the queue, through sign-in when the session is gone).
// axe; laptop and phone screenshots under /tmp/shots/f5.
import { expect, test, type Page } from "@playwright/test";
import { newMember, signInWith, sql } from "./auth-helpers";
import { sim } from "./setup";
import { expectNoSeriousA11y, fitsTheWidth, screenshotsTo, SMALL_LAPTOP_AND_PHONE } from "./setup/page-checks";
import { openQueue, raiseShown } from "./verifications-helpers";

const shots = screenshotsTo("/tmp/shots/f5", {
  makeDir: true,
  fullPage: "none",
  sizes: SMALL_LAPTOP_AND_PHONE,
  check: fitsTheWidth,
});

const stamp = Date.now().toString(36);
const PASSWORD = "not-live-password-1";
/** The alarms this file raised: resolved after each test so no other queue keeps them. */
const raised: string[] = [];

test.afterEach(async () => {
  for (const id of raised.splice(0)) await sim(`/_sim/alarms/${id}/resolve`, { body: {} });
});

/** A new operator of dealer 1 with the queue open and live, and an alarm on it: the page and the row. */
async function liveQueueWithAlarm(page: Page, tag: string, description: string) {
  const member = await newMember(tag, PASSWORD, "operator");
  await signInWith(page, member.email, PASSWORD);
  await expect(page).not.toHaveURL(/\/sign-in/, { timeout: 30_000 });
  await openQueue(page);
  const shown = await raiseShown(page, 1, description);
  raised.push(shown.alarm.id);
  return { member, row: shown.row };
}

const notLive = (page: Page) => page.getByRole("alert").filter({ hasText: "Not live" });

test("queue not live: a session ended on the server stops live updates, keeps the rows, Reload signs in again", async ({
  page,
}) => {
  const description = `Ended session ${stamp}`;
  const { member, row } = await liveQueueWithAlarm(page, "notlive", description);

  await sql("UPDATE auth_sessions SET ended_at = now() WHERE user_id = $1 AND ended_at IS NULL", [member.id]);
  // The stream checks again at its next heartbeat (LIVE_HEARTBEAT_SECONDS: 2 s on the test stack, 15 s by
  // default, which the timeout still covers), then its reconnect is refused.
  await expect(notLive(page)).toHaveText("Not live Live updates stopped: Sign in first.", { timeout: 45_000 });
  await expect(page.getByText("Live", { exact: true })).toHaveCount(0);
  await expect(row).toContainText(description);
  await expect(page.getByTestId("pending-count")).toContainText(/[1-9]\d* open verification/);
  await expectNoSeriousA11y(page, "main");
  await shots(page, "queue-not-live-signed-out");

  // The way on: Reload leads through sign-in back to the queue, live again with the same alarm.
  await page.getByRole("button", { name: "Reload" }).click();
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fverifications/);
  await page.getByLabel("Email").fill(member.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/verifications$/, { timeout: 30_000 });
  await expect(page.getByText("Live", { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(notLive(page)).toHaveCount(0);
  await expect(row).toContainText(description);
});

test("queue not live: a member taken off the dealer is told why, and keeps the rows on screen", async ({ page }) => {
  const description = `Membership removed ${stamp}`;
  const { member, row } = await liveQueueWithAlarm(page, "offdealer", description);

  await sql("DELETE FROM memberships WHERE user_id = $1", [member.id]);
  // That they lost this dealer, by name: not "No dealer connected", which is about a dealer never connected.
  await expect(notLive(page)).toContainText(
    "Live updates stopped: You no longer have access to Acme Security. Reload the page to see what you can work on.",
    { timeout: 45_000 },
  );
  await expect(notLive(page)).not.toContainText("No dealer connected");
  await expect(row).toContainText(description);
  await expect(page.getByRole("button", { name: "Reload" })).toBeVisible();
  await expectNoSeriousA11y(page, "main");
  await shots(page, "queue-not-live-off-dealer");
});
