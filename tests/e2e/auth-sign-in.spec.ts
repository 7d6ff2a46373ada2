// Sign-in end to end: the proxy, the sign-in page, the dashboard with live CHeKT numbers, sign-out
// and the role check, in a real browser against the real app and simulator. Every sign-in here goes
// through the form (the other specs reuse a role's session, tests/e2e/setup/index.ts).
import { expect, test } from "@playwright/test";
import { credentials, signInThroughForm, simUrl, e2eSim } from "./setup";
import { removeSimFault, simFault } from "../support/sim-control";
import { partnerToken } from "./setup/partner";
import { sweptAndIdle } from "./mirror-helpers";
import { expectNoSeriousA11y, screenshotsTo, shotAsIs } from "./setup/page-checks";

const WRONG = "Email or password is incorrect.";

/** What the simulator itself says dealer 1 has (partner token, X-Total-Count). */
async function simCount(path: string): Promise<number> {
  const access_token = await partnerToken();
  const res = await fetch(`${simUrl()}/partner/v1/dealers/1/${path}?limit=1`, {
    headers: { authorization: `Bearer ${access_token}` },
  });
  expect(res.ok).toBe(true);
  return Number(res.headers.get("x-total-count"));
}

test("an anonymous visitor is sent to the sign-in page, remembering the page", async ({ page }) => {
  await page.goto("/sites");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fsites$/);
  await expect(page.getByRole("heading", { name: "Sign in to the dealer console" })).toBeVisible();
});

test("a wrong password and an unknown email get the same message", async ({ page }) => {
  const { email } = credentials("operator");
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText(WRONG);
  await expect(page).toHaveURL(/\/sign-in/);

  await page.getByLabel("Email").fill("nobody-here@example.com");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText(WRONG);
});

test("the right password opens the dashboard of the seeded dealer with live CHeKT counts", async ({ page }) => {
  await signInThroughForm(page, "admin");
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId("dealer-name")).toHaveText("Acme Security");
  const [sites, stations] = await Promise.all([simCount("sites"), simCount("monitoring-stations")]);
  expect(sites).toBeGreaterThan(0);
  await expect(page.getByTestId("count-sites")).toHaveText(sites.toLocaleString("en-US"));
  await expect(page.getByTestId("count-stations")).toHaveText(stations.toLocaleString("en-US"));
  await expect(page.getByTestId("current-user")).toContainText(credentials("admin").email);
  await expect(page.getByText("Admin", { exact: true })).toBeVisible();
  await shotAsIs(page, "auth-dashboard", { fullPage: true });
});

test("after sign-in the user lands on the page they asked for", async ({ page }) => {
  await page.goto("/stations?from=e2e");
  await expect(page).toHaveURL(/callbackUrl=%2Fstations%3Ffrom%3De2e/);
  const { email, password } = credentials("operator");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/stations\?from=e2e$/);
});

test("a foreign callbackUrl is ignored", async ({ page }) => {
  await page.goto("/sign-in?callbackUrl=https%3A%2F%2Fevil.example%2F");
  const { email, password } = credentials("viewer");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(
    (url) => url.pathname === "/" && url.origin === new URL(process.env.E2E_BASE_URL!).origin,
  );
});

test("sign out ends the session", async ({ page }) => {
  await signInThroughForm(page, "operator");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("a viewer does not see admin entries and gets a 403 page for Settings", async ({ page }) => {
  await signInThroughForm(page, "viewer");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Sites" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Settings" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Audit" })).toHaveCount(0);
  const res = await page.goto("/settings");
  expect(res?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
});

test("the sign-in page looks right", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await shotAsIs(page, "auth-sign-in");
});

test("the dealer switcher changes the dealer every page works on", async ({ page }) => {
  await signInThroughForm(page, "operator");
  await expect(page.getByTestId("dealer-name")).toHaveText("Acme Security");
  const switcher = page.getByLabel("Dealer", { exact: true });
  // Picking alone changes nothing (a keyboard user passes each option with the arrows): Switch applies it.
  await switcher.selectOption({ label: "Northwind Alarms" });
  await page.getByRole("button", { name: "Switch", exact: true }).click();
  // The toast first: it lasts a few seconds, and the refreshed page may take longer on a busy machine.
  await expect(page.getByText("Now working on Northwind Alarms")).toBeVisible();
  await expect(page.getByTestId("dealer-name")).toHaveText("Northwind Alarms");
  await expect(page.getByRole("button", { name: "Switch", exact: true })).toHaveCount(0);
  await expect(switcher).toBeFocused();
  // The choice is kept in a cookie the page script cannot read.
  const cookie = (await page.context().cookies()).find((c) => c.name === "dealer_link");
  expect(cookie?.httpOnly).toBe(true);
  await page.reload();
  await expect(page.getByTestId("dealer-name")).toHaveText("Northwind Alarms");
  await switcher.selectOption({ label: "Acme Security" });
  await switcher.press("Enter");
  await expect(page.getByTestId("dealer-name")).toHaveText("Acme Security");
});

test("CHeKT failing: the dashboard shows the mirror with its age; Refresh starts a sync that says it failed", async ({
  page,
}) => {
  // A sweep already under way past the stations would never meet the fault below.
  await sweptAndIdle();
  const fault = await simFault(e2eSim, {
    path: "/partner/v1/dealers/1/monitoring-stations",
    method: "GET",
    rate_5xx: 1,
    status_5xx: 503,
  });
  try {
    await signInThroughForm(page, "viewer");
    await expect(page.getByTestId("dealer-name")).toHaveText("Acme Security");
    // The counts come from the console's copy (docs/mirror.md): CHeKT being down changes nothing here.
    await expect(page.getByTestId("count-sites")).toHaveText(/^[1-9][\d,]*$/);
    await expect(page.getByTestId("count-stations")).toHaveText(/^[1-9][\d,]*$/);
    await expect(page.getByTestId("count-verifications")).toHaveText(/^\d+$/);
    const freshness = page.getByTestId("freshness");
    await expect(freshness).toContainText(/As of /);
    await expect(freshness.locator("time").first()).toHaveAttribute("datetime", /^\d{4}-\d{2}-\d{2}T/);
    const asOf = await freshness.locator("time").first().getAttribute("datetime");
    // The counts are kept by the background sync, so Refresh starts it (lib/mirror/start-sync.ts) rather
    // than reading every site: its box shows it, then that the failing CHeKT call stopped it; the numbers
    // and their age stay.
    await freshness.getByRole("button", { name: "Refresh" }).click();
    await expect(page.getByTestId("freshness-sweep")).toHaveText(/^(Sync with CHeKT started|A sync with CHeKT is)/);
    const sync = page.getByTestId("sync-progress");
    await expect(sync).toBeVisible();
    await expect(sync).toContainText("Stopped: CHeKT refused or failed every call", { timeout: 60_000 });
    await expect(page.getByTestId("freshness-problem")).toHaveCount(0);
    await expect(freshness.locator("time").first()).toHaveAttribute("datetime", asOf ?? "");
    await expect(page.getByTestId("count-stations")).toHaveText(/^[1-9][\d,]*$/);
    await screenshotsTo("/tmp/shots/dashboard-refresh", { makeDir: true })(page, "sync-stopped");
    await expectNoSeriousA11y(page);
  } finally {
    await removeSimFault(e2eSim, fault.id);
  }
});
