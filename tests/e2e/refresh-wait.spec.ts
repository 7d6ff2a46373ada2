// The freshness line's Refresh under CHeKT's rate limit (components/mirror/freshness.tsx): a
// re-read the shared budget would hold long is not a failure but a visible countdown
// "Waiting for CHeKT's rate limit — refreshing in N s" with Cancel; cancelled, nothing is sent;
// left alone, it re-reads by itself when the countdown ends.
import { expect, test } from "@playwright/test";
import { signIn, e2eSim } from "./setup";
import { setSimRateLimit } from "../support/sim-control";
import { expectNoSeriousA11y, screenshotsTo } from "./setup/page-checks";

const shots = screenshotsTo("/tmp/shots/gateway-fixes", { fullPage: "none", makeDir: true });

test.describe("Refresh that must wait for CHeKT's rate limit", () => {
  let restoreRateLimit: (() => Promise<void>) | undefined;

  test.beforeAll(async () => {
    // One call every 10 s, no burst: a refresh right after another has to wait.
    restoreRateLimit = await setSimRateLimit(e2eSim, { rateLimitPerMin: 6, rateLimitBurstPerS: 1 });
  });
  test.afterAll(async () => {
    await restoreRateLimit?.();
  });

  test("counts down 'refreshing in N s' with Cancel, then re-reads by itself", async ({ page }) => {
    test.setTimeout(120_000);
    let actionPosts = 0;
    page.on("request", (r) => {
      if (r.method() === "POST" && r.headers()["next-action"]) actionPosts += 1;
    });
    // The page's timers run on Playwright's clock (time still flows; runFor moves it on at once).
    await page.clock.install();
    await signIn(page, "admin", "/dealer");
    const line = page.getByTestId("freshness").first();
    const refresh = line.getByRole("button", { name: "Refresh", exact: true });
    const waiting = line.getByTestId("freshness-waiting");
    await expect(refresh).toBeVisible({ timeout: 30_000 });

    // Spend the budget (and teach the app the tiny limit) until a refresh is handed back to wait.
    const untilWaiting = async () => {
      for (let i = 0; i < 6 && !(await waiting.isVisible()); i++) {
        await refresh.click();
        await expect(refresh.or(waiting)).toBeVisible({ timeout: 20_000 });
        await expect(line.getByRole("button", { name: "Refreshing…" })).toHaveCount(0, { timeout: 20_000 });
      }
    };
    await untilWaiting();
    // Hold the countdown still while it is checked, photographed and scanned: a busy machine can
    // spend its whole length on that, and the Cancel below must meet it.
    // Half a second ahead: the page's clock runs on while the call travels, and cannot go back.
    await page.clock.pauseAt(Date.now() + 500);
    await expect(waiting).toHaveText(/^Waiting for CHeKT's rate limit — refreshing in \d+ s$/);
    // Announced once: the live region's words do not tick, the seconds sit after it.
    await expect(waiting.getByRole("status")).toHaveText("Waiting for CHeKT's rate limit");
    // Not shown as a failure.
    await expect(line.getByTestId("freshness-problem")).toHaveCount(0);
    await shots(page, "refresh-waiting");

    // Cancel: nothing is sent, the copy shown stays, and Refresh is back.
    const told = Number((await waiting.textContent())?.match(/refreshing in (\d+) s/)?.[1]);
    expect(told).toBeGreaterThan(0);
    await line.getByRole("button", { name: "Cancel" }).click();
    await expect(line.getByTestId("freshness-cancelled")).toHaveText(/Refresh cancelled\. Nothing was sent to CHeKT/);
    await expect(refresh).toBeEnabled();
    actionPosts = 0;
    // Past the whole countdown it was cancelled in, at once: no re-read starts by itself.
    await page.clock.runFor((told + 1) * 1000);
    await expect(line.getByTestId("freshness-cancelled")).toBeVisible();
    await expect(refresh).toBeEnabled();
    expect(actionPosts).toBe(0);
    await page.clock.resume();
    // axe waits on the page's timers, so it scans once the clock runs again (the cancelled line).
    await expectNoSeriousA11y(page);

    // Again (the budget may have refilled meanwhile, so refresh until it waits once more): it
    // counts down and re-reads by itself — ending without a failure.
    await untilWaiting();
    await expect(waiting).toBeVisible();
    // The countdown itself, never a stand-in: a line that has gone fails here rather than reading as "less".
    const seconds = async () => {
      const told = (await waiting.textContent())?.match(/refreshing in (\d+) s/)?.[1];
      if (told === undefined) throw new Error("the countdown is not shown");
      return Number(told);
    };
    // Held still on the page's clock (which runs ahead of ours since the runFor above), then moved on a second.
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 500);
    const first = await seconds();
    expect(first).toBeGreaterThanOrEqual(2);
    await page.clock.runFor(1000);
    await expect.poll(seconds).toBe(first - 1);
    await page.clock.resume();
    await expect(refresh).toBeEnabled({ timeout: 60_000 });
    await expect(waiting).toHaveCount(0);
    await expect(line.getByTestId("freshness-problem")).toHaveCount(0);
    await shots(page, "refresh-refreshed");
  });
});
