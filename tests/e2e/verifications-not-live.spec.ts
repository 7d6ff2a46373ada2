// The live queue when its stream is refused, in a real browser: a user of the test's own has the queue
// open and live with an alarm on it; then their session is ended on the server (as a sign-out elsewhere,
// a password reset or an admin does), or they are taken off the dealer. The stream's next heartbeat
// check ends it, its reconnect is refused, and the queue says it is not live and why, keeps the rows it
// has, and offers the way on (Reload: back to the queue, through sign-in when the session is gone).
// The "page dealer" tests: the queue stays with the dealer its page was drawn for. An operator of Acme and
// Northwind switches to Northwind in a second tab (same browser, same cookies); Acme's queue used to show
// Northwind's alarms under Acme's heading at its next read. Now, once it asks again (back on the tab, or its
// minutely read), it stops naming both, keeps Acme's rows and offers Reload; taken off Acme while still at
// Northwind, it says they no longer have access to Acme.
// axe; laptop (1280x800) and phone (390x844) screenshots under /tmp/shots/f5.
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

/**
 * A new operator of dealer 1 (and of Northwind too with `twoDealers`) with dealer 1's queue open and live, and an
 * alarm on it: the page and the row.
 */
async function liveQueueWithAlarm(page: Page, tag: string, description: string, twoDealers = false) {
  const member = await newMember(tag, PASSWORD, "operator");
  if (twoDealers)
    await sql(
      `insert into memberships (user_id, dealer_link_id, role, updated_at)
       select $1, id, 'operator', now() from dealer_links where external_dealer_id = 'northwind-alarms'`,
      [member.id],
    );
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

const SWITCHED =
  "Live updates stopped: This page is for Acme Security; you switched to Northwind Alarms in another tab. " +
  "Reload to work on Northwind Alarms.";

test("page dealer: a switch to another dealer in a second tab stops the first tab's queue, naming both", async ({
  page,
  context,
}) => {
  const description = `Switched away ${stamp}`;
  const { row } = await liveQueueWithAlarm(page, "pdswitch", description, true);
  await expect(page.getByLabel("Dealer", { exact: true }).locator("option:checked")).toHaveText("Acme Security");

  const other = await context.newPage();
  await other.goto("/");
  await other.getByLabel("Dealer", { exact: true }).selectOption({ label: "Northwind Alarms" });
  // The switcher applies the pick at once, or on its Switch button where it has one.
  const switchButton = other.getByRole("button", { name: "Switch", exact: true });
  const switched = other.getByText("Now working on Northwind Alarms");
  await expect(switched.or(switchButton).first()).toBeVisible();
  if (await switchButton.isVisible()) await switchButton.click();
  await expect(switched).toBeVisible({ timeout: 15_000 });
  await other.close();

  // Back on the first tab: the queue asks the server again (its stream still holds the cookies it was
  // opened with, so only a new request can see the switch), is refused, and stops.
  await page.bringToFront();
  await page.evaluate(() => window.dispatchEvent(new Event("visibilitychange")));
  await expect(notLive(page)).toContainText(SWITCHED, { timeout: 45_000 });
  await expect(page.getByText("Live", { exact: true })).toHaveCount(0);
  await expect(page.getByText(/Alarms CHeKT asks Acme Security to verify/)).toBeVisible();
  await expect(row).toContainText(description);
  await expect(page.getByRole("button", { name: "Reload" })).toBeVisible();
  await expectNoSeriousA11y(page, "main");
  await shots(page, "queue-switched-in-another-tab");

  // Reload: the page is drawn for Northwind now, and live.
  await page.getByRole("button", { name: "Reload" }).click();
  await expect(page.getByText(/Alarms CHeKT asks Northwind Alarms to verify/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("Live", { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(notLive(page)).toHaveCount(0);
  await expect(row).toHaveCount(0);
});

test("page dealer: taken off Acme while still at Northwind, Acme's queue says Acme is gone, not Northwind's", async ({
  page,
}) => {
  const description = `Off one of two ${stamp}`;
  const { member, row } = await liveQueueWithAlarm(page, "pdoff", description, true);

  await sql(
    `DELETE FROM memberships WHERE user_id = $1
       AND dealer_link_id = (SELECT id FROM dealer_links WHERE external_dealer_id = 'acme-security')`,
    [member.id],
  );
  await expect(notLive(page)).toContainText(
    "Live updates stopped: You no longer have access to Acme Security. Reload the page to see what you can work on.",
    { timeout: 45_000 },
  );
  await expect(row).toContainText(description);
  await expect(page.getByRole("main")).not.toContainText("Northwind");
  await expectNoSeriousA11y(page, "main");
  await shots(page, "queue-off-one-of-two-dealers");
});

test("page dealer: a switch in the same tab draws the other dealer's queue without the first one's alarms", async ({
  page,
}) => {
  const description = `Same tab switch ${stamp}`;
  const { row } = await liveQueueWithAlarm(page, "pdsame", description, true);

  await page.getByLabel("Dealer", { exact: true }).selectOption({ label: "Northwind Alarms" });
  await page.getByRole("button", { name: "Switch", exact: true }).click();
  await expect(page.getByText(/Alarms CHeKT asks Northwind Alarms to verify/)).toBeVisible({ timeout: 30_000 });
  // The page is refreshed in place (the browser's query cache lives on): Acme's alarm must not be merged in
  // under Northwind's heading while the new dealer's list loads or after it.
  await expect(page.getByText("Live", { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(row).toHaveCount(0);
  await expect(page.getByRole("main")).not.toContainText(description);
});
