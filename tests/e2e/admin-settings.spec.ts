// Settings as each role, and the connection check explaining each failure in the browser.
import { expect, test, type Page } from "@playwright/test";
import { signIn, e2eSim } from "./setup";
import { simRevokeAppKey, withSimRateLimit } from "../support/sim-control";
import { exhaust, expectNoSecretsIn, mintApp, runningSecret, shot } from "./admin-helpers";

const NORTHWIND = 2;

async function openNorthwind(page: Page) {
  await page.goto("/settings");
  // The shell's dealer switcher chooses the dealer for every page, Settings included.
  const switcher = page.locator("#dealer-switcher");
  // Switched already (the cookie keeps it): nothing to switch, so no Switch button.
  if ((await switcher.locator("option:checked").textContent()) !== "Northwind Alarms") {
    await switcher.selectOption({ label: "Northwind Alarms" });
    await page.getByRole("button", { name: "Switch", exact: true }).click();
  }
  await expect(page.getByRole("heading", { name: "CHeKT App of Northwind Alarms" })).toBeVisible();
}

async function saveKey(page: Page, key: string) {
  await page.getByLabel("New API key").fill(key);
  await page.getByRole("button", { name: "Save secrets" }).click();
  await expect(page.getByText("Saved: apiKey")).toBeVisible();
  await page.reload();
}

/**
 * CHeKT at 12 calls a minute while `fn` runs (the e2e stage runs the simulator at the pro tier,
 * which refills an emptied key within a fraction of a second): a key emptied just before the check
 * is still refused when the check probes it, one call coming back only every 5 s.
 */
const slowTier = <T>(fn: () => Promise<T>) =>
  withSimRateLimit(e2eSim, { rateLimitPerMin: 12, rateLimitBurstPerS: 5 }, fn);

async function check(page: Page) {
  await page.getByRole("button", { name: "Check connection" }).click();
  const report = page.getByTestId("connection-report");
  await expect(report).toBeVisible({ timeout: 20_000 });
  return report;
}

test.describe("as an admin", () => {
  test.beforeEach(async ({ page }) => signIn(page, "admin", "/settings"));

  test("credentials are shown set and masked, never their values; the webhook URL is ready to paste", async ({
    page,
  }) => {
    // Each credential by the variable it comes from (the notes name other credentials).
    const env = (name: string) =>
      page.getByTestId("env-credentials").getByTestId("credential").filter({ hasText: name });
    await expect(env("CHEKT_CLIENT_SECRET")).toContainText(`…${runningSecret("CHEKT_CLIENT_SECRET").slice(-4)}`);
    await expect(env("CHEKT_API_KEY")).toContainText(`chekt_test_…${runningSecret("CHEKT_API_KEY").slice(-4)}`);
    await expect(env("CHEKT_PRIVATE_KEY")).toContainText("unset");
    await expect(env("CHEKT_CLIENT_SECRET")).toHaveCount(1);
    await expect(page.getByTestId("copy-value")).toHaveText(/\/api\/webhooks\/chekt\/acme-security$/);
    await expect(page.getByTestId("feature-scopes")).toContainText("devices:read");
    await expectNoSecretsIn(page);
    await shot(page, "settings");
  });

  test("check connection with the seeded key: everything works, every probed scope granted", async ({ page }) => {
    const report = await check(page);
    await expect(report.getByText("Everything works")).toBeVisible();
    for (const scope of ["devices:read", "events:read", "sites:read", "snapshots:read"]) {
      await expect(report.locator(`[data-scope="${scope}"]`)).toHaveAttribute("data-status", "granted");
    }
    await shot(page, "settings-check-ok");
  });

  test("each broken key gets its own explanation: no scope, revoked, rate limited", async ({ page }) => {
    await openNorthwind(page);
    try {
      const eventsOnly = await mintApp(NORTHWIND, ["events:read"]);
      await saveKey(page, eventsOnly.api_key);
      let report = await check(page);
      await expect(report.getByText("Missing scope devices:read (permission_denied)", { exact: true })).toBeVisible();
      await expect(report.locator('[data-scope="events:read"]')).toHaveAttribute("data-status", "granted");
      await expect(report.locator('[data-scope="sites:read"]')).toHaveAttribute("data-status", "missing");
      await shot(page, "settings-check-scope");

      const revoked = await mintApp(NORTHWIND, ["devices:read"]);
      await simRevokeAppKey(e2eSim, revoked.id);
      await saveKey(page, revoked.api_key);
      report = await check(page);
      await expect(report.getByText("API key not accepted (invalid_api_key)", { exact: true })).toBeVisible();
      await expect(report).toContainText("revoked");

      const busy = await mintApp(NORTHWIND, ["devices:read"]);
      await saveKey(page, busy.api_key);
      report = await slowTier(async () => {
        await exhaust(busy.api_key);
        return check(page);
      });
      // The key's bucket was empty when the check probed it: the summary at the top says the check
      // was rate limited (not that the key lacks scopes it was never asked about).
      await expect(report.locator('[role="alert"], [role="status"]').first()).toContainText("Rate limited");
      await expect(report).toContainText("60 requests a minute");
      await shot(page, "settings-check-rate-limited");
      await expectNoSecretsIn(page, [eventsOnly.api_key, revoked.api_key, busy.api_key]);
    } finally {
      // Leave Northwind as it was (no key of its own), even when a step above failed: other
      // specs' background catch-up reads with that dealer's key.
      await openNorthwind(page);
      const clear = page.getByRole("button", { name: "Clear stored key" });
      if (await clear.isVisible()) {
        await clear.click();
        await expect(page.getByText("Saved: apiKey")).toBeVisible();
      }
    }
  });

  test("a malformed key is refused beside the field", async ({ page }) => {
    await openNorthwind(page);
    await page.getByLabel("New API key").fill("sk_live_nope");
    await page.getByRole("button", { name: "Save secrets" }).click();
    await expect(
      page.getByText("An API key starts with chekt_live_ or chekt_test_ and is at least 32 characters"),
    ).toBeVisible();
  });

  test("a test event from the simulator shows up in the webhook log", async ({ page }) => {
    await page.getByRole("button", { name: "Send a test event" }).click();
    const toast = page.getByText(/Test event (evt_\S+) requested/);
    // Read while it is on screen, in one step: the toast leaves after 4 s, which a busy machine can
    // spend between a visibility check and a separate read of its text.
    const shown = await toast.evaluate((el) => (el.checkVisibility() ? el.textContent : null));
    expect(shown, "the test event's toast is on screen").toBeTruthy();
    const eventId = /Test event (evt_\S+) requested/.exec(shown ?? "")![1];
    await expect(async () => {
      await page.goto(`/webhook-log?event=${eventId}`);
      await expect(page.getByTestId("webhook-log")).toContainText(eventId, { timeout: 1000 });
    }).toPass({ timeout: 30_000 });
  });
});

for (const role of ["viewer", "operator"] as const) {
  test(`as ${role}: settings and its sub-pages are refused`, async ({ page }) => {
    await signIn(page, role);
    for (const path of ["/settings", "/settings/app-devices"]) {
      const res = await page.goto(path);
      expect(res?.status()).toBe(403);
      await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
    }
    await expectNoSecretsIn(page);
  });
}
