// The live queue when its stream is refused, in a real browser: a user of the test's own has the queue
// open and live with an alarm on it; then their session is ended on the server (as a sign-out elsewhere,
// a password reset or an admin does), or they are taken off the dealer. The stream's next heartbeat
// check ends it, its reconnect is refused, and the queue says it is not live and why, keeps the rows it
// has, and offers the way on (Reload: back to the queue, through sign-in when the session is gone); signed in
// again in another tab, it is live again within the stream's heartbeat (it waited for its minutely read).
// The "page dealer" tests: the queue stays with the dealer its page was drawn for. An operator of Acme and
// Northwind switches to Northwind in a second tab (same browser, same cookies); Acme's queue used to show
// Northwind's alarms under Acme's heading at its next read. Now the tab is told of the switch at once (the
// browser's BroadcastChannel; it learnt it only back in focus or at its minutely read): the queue stops naming
// both, keeps Acme's rows and offers Reload, and is live again when switched back; any other page in another
// tab is drawn again for Northwind, so is a tab of a one-dealer user (no switcher) given a second, and so is
// a tab when a dealer is connected in another (the callback makes it current). Taken off Acme while still at
// Northwind, it says they no longer have access to Acme once, and asks again only on Check access again (it retried and
// was refused, audited, every 30 s).
// axe; laptop (1280x800) and phone (390x844) screenshots under /tmp/shots/f5 (this round's: /tmp/shots/r26-desk).
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { newMember, signInWith, sql } from "./auth-helpers";
import { e2eSim } from "./setup";
import { simResolveAlarm } from "../support/sim-control";
import { expectNoSeriousA11y, fitsTheWidth, screenshotsTo, SMALL_LAPTOP_AND_PHONE } from "./setup/page-checks";
import { openQueue, raiseShown } from "./verifications-helpers";

const SHOTS = { makeDir: true, fullPage: "none", sizes: SMALL_LAPTOP_AND_PHONE, check: fitsTheWidth } as const;
const shots = screenshotsTo("/tmp/shots/f5", SHOTS);
const shotsR26 = screenshotsTo("/tmp/shots/r26-desk", SHOTS);

const stamp = Date.now().toString(36);
const PASSWORD = "not-live-password-1";
/** The alarms this file raised: resolved after each test so no other queue keeps them. */
const raised: string[] = [];

test.afterEach(async () => {
  for (const id of raised.splice(0)) await simResolveAlarm(e2eSim, id);
});

type Role = "operator" | "admin";

/** Makes the user a member of Northwind (dealer 2) too, with `role`. */
const addNorthwind = (userId: string, role: Role) =>
  sql(
    `insert into memberships (user_id, dealer_link_id, role, updated_at)
     select $1, id, $2, now() from dealer_links where external_dealer_id = 'northwind-alarms'`,
    [userId, role],
  );

/** A new operator (or `role`) of dealer 1 (Acme), and of Northwind too with `twoDealers`, signed in on `page`. */
async function signedInMember(page: Page, tag: string, twoDealers = false, role: Role = "operator") {
  const member = await newMember(tag, PASSWORD, role);
  if (twoDealers) await addNorthwind(member.id, role);
  await signInWith(page, member.email, PASSWORD);
  await expect(page).not.toHaveURL(/\/sign-in/, { timeout: 30_000 });
  return member;
}

/**
 * A new operator of dealer 1 (and of Northwind too with `twoDealers`) with dealer 1's queue open and live, and an
 * alarm on it: the page and the row.
 */
async function liveQueueWithAlarm(
  page: Page,
  tag: string,
  description: string,
  twoDealers = false,
  alarm: Parameters<typeof raiseShown>[3] = {},
) {
  const member = await signedInMember(page, tag, twoDealers);
  await openQueue(page);
  const shown = await raiseShown(page, 1, description, alarm);
  raised.push(shown.alarm.id);
  return { member, row: shown.row };
}

/** The dealer the header's switcher on `page` shows as current. */
const switcherShows = (page: Page) => page.getByLabel("Dealer", { exact: true }).locator("option:checked");

/** Switches the current dealer on `page` with the header's switcher (applied on its Switch button). */
async function switchTo(page: Page, dealer: string) {
  await page.getByLabel("Dealer", { exact: true }).selectOption({ label: dealer });
  const button = page.getByRole("button", { name: "Switch", exact: true });
  await button.click();
  // Gone once the page is drawn for the dealer switched to (an earlier switch's toast may still show).
  await expect(button).toHaveCount(0, { timeout: 15_000 });
  await expect(switcherShows(page)).toHaveText(dealer);
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

test("queue not live: signed in again in another tab, the queue is live again within the stream's heartbeat", async ({
  page,
  context,
}) => {
  const description = `Signed in again ${stamp}`;
  const { member, row } = await liveQueueWithAlarm(page, "notlivesignin", description);
  await sql("UPDATE auth_sessions SET ended_at = now() WHERE user_id = $1 AND ended_at IS NULL", [member.id]);
  await expect(notLive(page)).toHaveText("Not live Live updates stopped: Sign in first.", { timeout: 45_000 });

  // Signed in again elsewhere (same cookies), the queue's tab untouched: it asks again within the heartbeat (2 s
  // here), where it waited for its minutely read (or a focus); meanwhile it says it is not live and keeps its rows.
  const other = await context.newPage();
  await signInWith(other, member.email, PASSWORD);
  await expect(other).not.toHaveURL(/\/sign-in/, { timeout: 30_000 });
  await expect(page.getByText("Live", { exact: true })).toBeVisible(TOLD_AT_ONCE);
  await expect(notLive(page)).toHaveCount(0);
  await expect(row).toContainText(description);
  await expectNoSeriousA11y(page, "main");
  await shotsR26(page, "queue-live-again-signed-in-elsewhere");
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

/** Well inside the queue's minutely read, which would learn the switch by itself: only being told is this soon. */
const TOLD_AT_ONCE = { timeout: 10_000 };

test("page dealer: a switch in a second tab reaches the first tab's queue at once; a switch back revives it", async ({
  page,
  context,
}) => {
  const description = `Switched away ${stamp}`;
  const { row } = await liveQueueWithAlarm(page, "pdswitch", description, true);
  await expect(switcherShows(page)).toHaveText("Acme Security");

  const other = await context.newPage();
  await other.goto("/");
  await switchTo(other, "Northwind Alarms");

  // The first tab is neither brought to the front nor shown again: it is told of the switch, its queue asks the
  // server again (its stream still holds the cookies it was opened with), is refused, and stops, naming both.
  // The page stays Acme's (its answers name Acme); its header's switcher shows the dealer now current.
  await expect(notLive(page)).toContainText(SWITCHED, TOLD_AT_ONCE);
  await expect(page.getByText("Live", { exact: true })).toHaveCount(0);
  await expect(page.getByText(/Alarms CHeKT asks Acme Security to verify/)).toBeVisible();
  await expect(switcherShows(page)).toHaveText("Northwind Alarms");
  await expect(row).toContainText(description);
  await expect(page.getByRole("button", { name: "Reload" })).toBeVisible();
  await expectNoSeriousA11y(page, "main");
  await shots(page, "queue-switched-in-another-tab");

  // Switched back to Acme in the second tab: the queue is let in again, live, its alarm still on it.
  await switchTo(other, "Acme Security");
  await expect(page.getByText("Live", { exact: true })).toBeVisible(TOLD_AT_ONCE);
  await expect(notLive(page)).toHaveCount(0);
  await expect(switcherShows(page)).toHaveText("Acme Security");
  await expect(row).toContainText(description);

  // Away again, then Reload: the page is drawn for Northwind now, and live.
  await switchTo(other, "Northwind Alarms");
  await expect(notLive(page)).toContainText(SWITCHED, TOLD_AT_ONCE);
  await other.close();
  await page.getByRole("button", { name: "Reload" }).click();
  await expect(page.getByText(/Alarms CHeKT asks Northwind Alarms to verify/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("Live", { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(notLive(page)).toHaveCount(0);
  await expect(row).toHaveCount(0);
});

/**
 * Switches to Northwind on a second page of `page`'s browser (its sites list); the dashboard on `page` is drawn again
 * for Northwind at once, its switcher showing it; axe, and the `shot`.
 */
async function switchElsewhereRedrawsDashboard(page: Page, context: BrowserContext, shot: () => Promise<unknown>) {
  const other = await context.newPage();
  await other.goto("/sites");
  await switchTo(other, "Northwind Alarms");
  await expect(page.getByTestId("dealer-name")).toHaveText("Northwind Alarms", TOLD_AT_ONCE);
  await expect(switcherShows(page)).toHaveText("Northwind Alarms");
  await expect(page.getByRole("main")).not.toContainText("Acme Security");
  await expectNoSeriousA11y(page);
  await shot();
}

test("dealer switch: a page in another tab is drawn again for the dealer switched to, at once and unfocused", async ({
  page,
  context,
}) => {
  await signedInMember(page, "pdtabs", true);
  await page.goto("/");
  await expect(page.getByTestId("dealer-name")).toHaveText("Acme Security");

  // The dashboard's actions work on the current dealer, so it does not stay Acme's: it shows Northwind's.
  await switchElsewhereRedrawsDashboard(page, context, () => shots(page, "dashboard-switched-in-another-tab"));
});

test("dealer switch: a tab of a one-dealer user, given a second, follows a switch made in another tab", async ({
  page,
  context,
}) => {
  const member = await signedInMember(page, "pdone");
  await page.goto("/");
  await expect(page.getByTestId("dealer-name")).toHaveText("Acme Security");
  // One dealer: its name in the header, no switcher (and, on the old code, nothing listening for a switch).
  await expect(page.getByLabel("Dealer", { exact: true })).toHaveCount(0);

  await addNorthwind(member.id, "operator");
  // Drawn again for Northwind, with the switcher its two dealers now bring.
  const shot = () => shotsR26(page, "dashboard-one-dealer-switched-in-another-tab");
  await switchElsewhereRedrawsDashboard(page, context, shot);
});

test("dealer switch: a tab follows a dealer connected in another tab, then its disconnect", async ({
  page,
  context,
}) => {
  // An admin of Acme and Northwind (a switcher in the header) connects CHeKT dealer 3 in a second tab: the callback
  // makes it current, which the first tab learnt only on focus or a reload.
  await signedInMember(page, "pdconnect", true, "admin");
  await page.goto("/");
  await expect(page.getByTestId("dealer-name")).toHaveText("Acme Security");

  const other = await context.newPage();
  await other.goto("/dealer");
  await other.getByLabel("Dealer ID (yours)").fill("coastal-guard");
  await other.getByRole("textbox", { name: "Company name", exact: true }).last().fill("Coastal Guard");
  await other.getByRole("button", { name: "Connect with CHeKT" }).click();
  await expect(other).toHaveURL(/\/oauth\/authorize\?/);
  await other.getByLabel("Email").fill("admin@coastal.example");
  await other.getByLabel("Password").fill("chekt-demo");
  await other.getByRole("button", { name: "Sign in and approve" }).click();
  await expect(other).toHaveURL(/\/dealer\?connect=connected/);
  await expect(other.getByTestId("dealer-title")).toHaveText("Coastal Guard");

  await expect(page.getByTestId("dealer-name")).toHaveText("Coastal Guard", TOLD_AT_ONCE);
  await expect(switcherShows(page)).toHaveText("Coastal Guard");
  await expectNoSeriousA11y(page);
  await shotsR26(page, "dashboard-dealer-connected-in-another-tab");

  // Disconnected again, as sites-dealer.spec.ts expects to find it (it connects it itself). The first tab on a page
  // that does not re-draw itself while a dealer's first sweep runs (the dashboard does), and the disconnect made on
  // /dealer itself: the connect's landing page, drawn again after it, would announce the dealer now current.
  await page.goto("/stations");
  await expect(switcherShows(page)).toHaveText("Coastal Guard");
  await other.goto("/dealer");
  await other.getByRole("button", { name: "Disconnect" }).click();
  const dialog = other.getByRole("dialog");
  await dialog.getByLabel(/Type .* to confirm/).fill("Coastal Guard");
  await dialog.getByRole("button", { name: "Disconnect dealer" }).click();
  await expect(other.getByRole("row", { name: /Coastal Guard/ })).toContainText("Disconnected");
  // The first tab, drawn for Coastal Guard, is told and drawn again for a dealer it can still work on (it kept
  // showing Coastal Guard until its next action was refused).
  await expect(switcherShows(page)).not.toHaveText("Coastal Guard", TOLD_AT_ONCE);
  await expect(page.getByRole("cell", { name: "Coastal Central" })).toHaveCount(0);
  await expect(page.getByLabel("Dealer", { exact: true }).locator("option", { hasText: "Coastal Guard" })).toHaveCount(
    0,
  );
});

declare global {
  interface Window {
    /** The page's requests still unanswered: fetches not settled, event streams still connecting. */
    requestsOut?: () => number;
  }
}

/**
 * Counts the page's requests still out (before any of its scripts run). With the page's timers on Playwright's
 * clock, a retry starts inside fastForward and is answered later; a count of the audit rows waits for none out.
 */
async function countRequestsOut(page: Page) {
  await page.addInitScript(() => {
    const streams = new Set<EventSource>();
    let fetches = 0;
    const Native = window.EventSource;
    window.EventSource = class extends Native {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        streams.add(this);
      }
    };
    const nativeFetch = window.fetch.bind(window);
    window.fetch = (...args) => {
      fetches++;
      return nativeFetch(...args).finally(() => fetches--);
    };
    window.requestsOut = () => fetches + [...streams].filter((s) => s.readyState === Native.CONNECTING).length;
  });
}

const noRequestOut = (page: Page) =>
  expect.poll(() => page.evaluate(() => window.requestsOut?.() ?? -1), { timeout: 15_000 }).toBe(0);

const LOST =
  "Live updates stopped: You no longer have access to Acme Security. Reload the page to see what you can work on.";

test("page dealer: taken off Acme, still at Northwind: the queue says so once and asks again only when told", async ({
  page,
}) => {
  test.setTimeout(120_000);
  // Ten minutes of the page's timers (its backoff, its minutely read) pass when the test says.
  await page.clock.install();
  await countRequestsOut(page);
  const description = `Off one of two ${stamp}`;
  // Its alarm outlasts the ten minutes the page's clock is moved on.
  const { member, row } = await liveQueueWithAlarm(page, "pdoff", description, true, { expires_in_s: 3600 });
  const acme = "(SELECT id FROM dealer_links WHERE external_dealer_id = 'acme-security')";
  // Each refused ask for Acme is one audit row ("No dealer … in Northwind Alarms"): what an admin reads.
  const refusedAsks = async () =>
    (
      await sql<{ n: number }>(
        `select count(*)::int as n from audit_log
          where user_id = $1 and action = 'scope.not_found' and object_kind = 'dealer' and chekt_id = ${acme}`,
        [member.id],
      )
    )[0].n;

  await sql(`DELETE FROM memberships WHERE user_id = $1 AND dealer_link_id = ${acme}`, [member.id]);
  await expect(notLive(page)).toContainText(LOST, { timeout: 45_000 });
  await expect(row).toContainText(description);
  await expect(page.getByRole("main")).not.toContainText("Northwind");

  // The refused attempt is in the history; then ten minutes with the tab left open add nothing (the stream retried
  // every 30 s and the list every minute, each refused and audited, for as long as the page stayed open).
  await noRequestOut(page);
  const said = await refusedAsks();
  expect(said).toBeGreaterThan(0);
  for (let step = 0; step < 20; step++) {
    await page.clock.fastForward(31_000);
    await noRequestOut(page);
  }
  // Nor does the network dropping and coming back (React Query asks again on reconnect by default).
  await page.context().setOffline(true);
  await page.context().setOffline(false);
  await noRequestOut(page);
  expect(await refusedAsks()).toBe(said);
  await expect(notLive(page)).toContainText(LOST);
  await expect(page.getByRole("button", { name: "Check access again" })).toBeVisible();
  await expectNoSeriousA11y(page, "main");
  await shots(page, "queue-off-one-of-two-dealers");

  // Asked by the user while still off Acme: refused again, and audited.
  await page.getByRole("button", { name: "Check access again" }).click();
  await expect.poll(refusedAsks).toBe(said + 1);
  await expect(page.getByRole("button", { name: "Check access again" })).toBeEnabled();
  await expect(notLive(page)).toContainText(LOST);

  // Added back: Check access again lets the queue in, live, its alarm still on it.
  await sql(
    `insert into memberships (user_id, dealer_link_id, role, updated_at) select $1, ${acme}, 'operator', now()`,
    [member.id],
  );
  await page.getByRole("button", { name: "Check access again" }).click();
  await expect(page.getByText("Live", { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(notLive(page)).toHaveCount(0);
  await expect(row).toContainText(description);
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
