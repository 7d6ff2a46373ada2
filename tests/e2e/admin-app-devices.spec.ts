// The CHeKT Apps device list: /v1/devices through the key, read only when the admin asks ("Read from
// CHeKT": a page view spends none of the dealer's 60 calls a minute), "Load more" following next_cursor,
// a failed read explained with "Try again", and a read CHeKT's rate limit holds counted down and sent by itself.
import { expect, test, type Page } from "@playwright/test";
import { signIn, simUrl, e2eSim } from "./setup";
import { clearSimStats, removeSimFault, setSimRateLimit, simFault, simStats } from "../support/sim-control";
import { partner } from "./setup/partner";
import { expectNoSeriousA11y, screenshotsTo, SMALL_LAPTOP_AND_PHONE } from "./setup/page-checks";
import { newSite, stamp } from "./devices-helpers";
import { budgetsHaveACallFree, noSweepUnderWay } from "./mirror-helpers";

const SHOTS = "/tmp/shots/app-devices";
const shots = screenshotsTo(SHOTS, { makeDir: true, sizes: SMALL_LAPTOP_AND_PHONE });
// A list of a hundred rows: what the screen shows is the picture worth looking at.
const screenShots = screenshotsTo(SHOTS, { makeDir: true, sizes: SMALL_LAPTOP_AND_PHONE, fullPage: "none" });

/** Requests CHeKT answered on GET /v1/devices since its counts were last reset. */
async function deviceListCalls(): Promise<number> {
  return (await simStats(e2eSim)).byRoute["GET /v1/devices"] ?? 0;
}

const readButton = (page: Page) => page.getByRole("button", { name: /^(Read from CHeKT|Read again)$/ });

const PAGE = 100;

/** How many devices CHeKT itself lists for the seeded key, its pages followed to the end. */
async function appDeviceCount(): Promise<number> {
  const { DEMO } = await import("../../simulator/seed");
  let total = 0;
  let cursor: string | null = null;
  do {
    const res: Response = await fetch(`${simUrl()}/v1/devices?limit=${PAGE}${cursor ? `&cursor=${cursor}` : ""}`, {
      headers: { authorization: `Bearer ${DEMO.app.apiKey}` },
    });
    const body = (await res.json()) as { data: unknown[]; has_more: boolean; next_cursor: string | null };
    total += body.data.length;
    cursor = body.has_more ? body.next_cursor : null;
  } while (cursor);
  return total;
}

test("as an admin: pages through every device of the dealer's app", async ({ page }) => {
  // The seeded dealer has fewer devices than a page. So that "Load more" is always there to follow, whichever
  // specs ran before, a site of this spec's own gets the devices missing (made CHeKT-side, as an installer would,
  // and brought into the mirror as the other specs' sites are: the dashboard's count must keep matching CHeKT's).
  const missing = PAGE + 1 - (await appDeviceCount());
  if (missing > 0) {
    const { siteId } = await newSite(page, "App devices", "admin");
    const devices = Array.from({ length: missing }, (_, i) => ({
      external_device_id: `e2e-app-devices-${stamp}-${i}`,
      device_type: "camera",
      name: `Paging camera ${i + 1}`,
    }));
    for (let i = 0; i < devices.length; i += PAGE)
      await partner(`/sites/${siteId}/devices`, "POST", devices.slice(i, i + PAGE));
  }
  const total = await appDeviceCount();
  expect(total).toBeGreaterThan(PAGE);

  // Grouped as the page writes every count ("3,150"): earlier specs add devices, so the total may pass 999.
  const all = `All ${total.toLocaleString("en-US")} devices shown`;
  await clearSimStats(e2eSim);
  await signIn(page, "admin", "/settings/app-devices");
  await page.reload();
  // Two page views, no call: the list waits for the button.
  await expect(readButton(page)).toHaveText("Read from CHeKT");
  await expect(page.getByTestId("app-devices-read-at")).toContainText("Not read yet");
  await expect(page.getByTestId("app-devices")).toHaveCount(0);
  expect(await deviceListCalls(), "CHeKT calls made by viewing the page").toBe(0);
  await expectNoSeriousA11y(page, "main");
  await shots(page, "before-read");

  // Read from the keyboard.
  await readButton(page).focus();
  await page.keyboard.press("Enter");
  const count = page.getByTestId("device-count");
  // A page is CHeKT's largest (100), so a dealer with thousands of devices needs few calls.
  await expect(count).toHaveText(`${PAGE} devices shown`);
  await expect(page.getByTestId("app-devices-read-at")).toContainText("Read from CHeKT at");
  await expect(readButton(page)).toHaveText("Read again");
  await expect(page.getByRole("button", { name: "Load more" })).toBeVisible();
  expect(await deviceListCalls()).toBe(1);
  await expectNoSeriousA11y(page, "main");
  await screenShots(page, "after-read");
  while (await page.getByRole("button", { name: "Load more" }).isVisible()) {
    const before = await count.textContent();
    await page.getByRole("button", { name: "Load more" }).click();
    await expect(count).not.toHaveText(before!);
  }
  await expect(count).toHaveText(all);
  await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);
});

test("as an admin: a read CHeKT fails is explained, and Try again reads it", async ({ page }) => {
  await signIn(page, "admin", "/settings/app-devices");
  const fault = await simFault(e2eSim, { path: "/v1/devices", method: "GET", rate_5xx: 1, status_5xx: 503 });
  try {
    await readButton(page).click();
    const problem = page.getByTestId("app-devices-problem");
    // The gateway retries a 503 for the read's few seconds before it gives up.
    await expect(problem).toContainText("CHeKT", { timeout: 30_000 });
    await expect(problem.locator("[data-bucket]")).toHaveAttribute("data-bucket", "server_error");
    await expect(page.getByTestId("app-devices")).toHaveCount(0);
    await expectNoSeriousA11y(page, "main");
    await shots(page, "read-failed");
  } finally {
    await removeSimFault(e2eSim, fault.id);
  }
  await page.getByTestId("app-devices-problem").getByRole("button", { name: "Try again" }).click();
  await expect(page.getByTestId("app-devices-problem")).toHaveCount(0);
  await expect(page.getByTestId("device-count")).toContainText("devices shown");
});

test("as an admin: a read CHeKT's rate limit holds counts down, then shows the devices with no second click", async ({
  page,
}) => {
  test.setTimeout(150_000);
  // The page's timers run on Playwright's clock (time still flows), so the countdown can be held still.
  await page.clock.install();
  await signIn(page, "admin", "/settings/app-devices");
  // A sweep under way would meet the lowered limit and run on past this test.
  await noSweepUnderWay();
  // One call every 20 s and no burst: a read right after another has to wait.
  const restoreRateLimit = await setSimRateLimit(e2eSim, { rateLimitPerMin: 3, rateLimitBurstPerS: 1 });
  try {
    const waiting = page.getByTestId("budget-wait");
    // Read until one is handed back to wait: the first spends the key's token and teaches the app the limit.
    for (let i = 0; i < 4 && !(await waiting.isVisible()); i++) {
      const answered = page.waitForResponse(
        (r) => r.request().method() === "POST" && !!r.request().headers()["next-action"],
      );
      await readButton(page).click();
      await answered;
      await expect(waiting.or(readButton(page))).toBeVisible();
    }
    await expect(waiting).toBeVisible();
    // Held still while it is checked and photographed (half a second ahead: the page's clock cannot go back).
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 500);
    await expect(waiting).toContainText(/^Waiting for CHeKT's rate limit — sending in \d+ s/);
    // Announced once: the live region's words do not tick.
    await expect(waiting.getByRole("status")).toHaveText("Waiting for CHeKT's rate limit");
    await expect(waiting.getByRole("button", { name: "Cancel sending" })).toBeVisible();
    await expect(page.getByTestId("app-devices-problem")).toHaveCount(0);
    await screenShots(page, "read-waiting");
    const calls = await deviceListCalls();
    await page.clock.resume();
    // axe waits on the page's timers, so it scans once the clock runs again (the countdown still on).
    await expectNoSeriousA11y(page, "main");

    // Nobody clicks: the countdown ends, the read goes again and CHeKT's devices are shown.
    await expect(waiting).toHaveCount(0, { timeout: 60_000 });
    await expect(readButton(page)).toHaveText("Read again", { timeout: 30_000 });
    await expect(page.getByTestId("app-devices-problem")).toHaveCount(0);
    await expect(page.getByTestId("device-count")).toContainText("devices shown");
    await expect(page.getByTestId("app-devices-read-at")).toContainText("Read from CHeKT at");
    expect(await deviceListCalls(), "the read sent when the countdown ended").toBeGreaterThan(calls);
    await screenShots(page, "read-after-wait");
  } finally {
    await restoreRateLimit();
    // The key's budget still runs at the lowered limit: the next spec's first read would find it spent.
    await budgetsHaveACallFree();
  }
});
