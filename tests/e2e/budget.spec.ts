// The shared CHeKT call budget in the browser: the live panel on Settings (admins only), and a
// write that must wait for CHeKT's rate limit saying so, counting down, and being sent — or
// cancelled with nothing sent.
import { expect, test, type Page } from "@playwright/test";
import { signIn, e2eSim } from "./setup";
import { setSimRateLimit } from "../support/sim-control";
import { expectNoSeriousA11y as expectAccessible, screenshotsTo } from "./setup/page-checks";
import { partner } from "./setup/partner";
import { budgetsHaveACallFree, noSweepUnderWay } from "./mirror-helpers";

const shots = screenshotsTo("/tmp/shots/budget", { prefix: "budget-", fullPage: "laptop" });
const stamp = Date.now().toString(36);

const toast = (page: Page, text: string | RegExp) =>
  page.locator("[data-sonner-toast]").filter({ hasText: text }).first();

test.describe("Settings: the CHeKT call budget panel", () => {
  test("an admin sees it live: tokens, calls per class per minute, 429s", async ({ page }) => {
    await signIn(page, "admin", "/settings");
    await expect(page.getByRole("heading", { name: "CHeKT call budget" })).toBeVisible();
    const partnerBudget = page.getByTestId("budget-credential").filter({ hasText: "Partner client demo-partner" });
    await expect(partnerBudget).toBeVisible();
    await expect(partnerBudget.getByTestId("budget-tokens")).toHaveText(/^\d+(\.\d)? of \d+$/);
    for (const label of [
      "Verification answers",
      "Interactive writes",
      "Snapshot fetches",
      "Interactive reads and refreshes",
      "Bulk jobs",
      "Background sync",
      "429s seen",
      "Calls that waited",
    ]) {
      await expect(partnerBudget.getByRole("rowheader", { name: label, exact: true })).toBeVisible();
    }
    // Live: a CHeKT read made in another tab (Refresh on the dealer page re-reads it from CHeKT at
    // the interactive read class) appears here without a reload.
    const reads = partnerBudget.getByTestId("budget-total-read");
    const before = Number(await reads.textContent());
    const other = await page.context().newPage();
    await other.goto("/dealer");
    await other.getByRole("button", { name: "Refresh", exact: true }).first().click();
    await expect(other.getByRole("button", { name: "Refresh", exact: true }).first()).toBeEnabled({ timeout: 20_000 });
    await other.close();
    await expect.poll(async () => Number(await reads.textContent()), { timeout: 15_000 }).toBeGreaterThan(before);
    await expectAccessible(page);
    await page.getByTestId("budget-panel").scrollIntoViewIfNeeded();
    await shots(page, "settings-panel");
    // On a phone the panel fits the screen; only its table scrolls sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    const box = await page.getByTestId("budget-panel").boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(390);
  });

  test("a failed read says so in one sentence and the next poll recovers", async ({ page }) => {
    let failing = true;
    await page.route("**/api/chekt/budget", (route) =>
      failing ? route.fulfill({ status: 500, body: "{}" }) : route.continue(),
    );
    await signIn(page, "admin", "/settings");
    const panel = page.getByTestId("budget-panel");
    await expect(panel.getByRole("alert")).toHaveText("The budget could not be read (HTTP 500). Retrying.");
    await expect(panel.getByTestId("budget-credential")).toHaveCount(0);
    failing = false;
    await expect(panel.getByTestId("budget-credential").first()).toBeVisible({ timeout: 15_000 });
    await expect(panel.getByText(/could not be read/)).toHaveCount(0);
  });

  test("a viewer sees no panel, and its route refuses viewers and signed-out callers", async ({
    page,
    playwright,
    baseURL,
  }) => {
    await signIn(page, "viewer", "/settings");
    await expect(page.getByText("403 · Not allowed")).toBeVisible();
    await expect(page.getByTestId("budget-panel")).toHaveCount(0);
    const asViewer = await page.request.get("/api/chekt/budget");
    expect(asViewer.status()).toBe(403);
    expect(await asViewer.json()).toMatchObject({ error: { code: "forbidden" } });
    const anonymous = await playwright.request.newContext({ baseURL });
    const signedOut = await anonymous.get("/api/chekt/budget");
    expect(signedOut.status()).toBe(401);
    await anonymous.dispose();
  });
});

test.describe("a write that must wait for CHeKT's rate limit", () => {
  let restoreRateLimit: (() => Promise<void>) | undefined;
  let address2: string | null = null;

  test.beforeAll(async () => {
    // The dashboard's Refresh starts a sweep (an earlier spec clicks it): one still sending when the limit
    // drops below takes the only token, and the first save waits instead of going at once.
    await noSweepUnderWay();
    address2 = (await partner<{ company_address2: string | null }>("")).company_address2;
    // One call every 20 s, no burst: a save right after another has to wait (even on a busy machine,
    // where a fill and a click can take seconds).
    restoreRateLimit = await setSimRateLimit(e2eSim, { rateLimitPerMin: 3, rateLimitBurstPerS: 1 });
  });
  test.afterAll(async () => {
    await restoreRateLimit?.();
    await partner("", "PUT", { company_address2: address2 ?? "" });
    // The app's budget still runs at the lowered limit: the next spec's first call would find it spent.
    await budgetsHaveACallFree();
  });

  test("says 'sending in N s', counts down and sends; a cancelled one sends nothing", async ({ page }) => {
    test.setTimeout(240_000);
    // The page's clock runs normally but can be moved on: a cancelled countdown is then proven
    // never to fire, without waiting for it.
    await page.clock.install();
    let actionPosts = 0;
    page.on("request", (r) => {
      if (r.method() === "POST" && r.headers()["next-action"]) actionPosts += 1;
    });
    await signIn(page, "admin", "/dealer");
    const field = page.getByLabel("Address line 2");
    await expect(field).toBeVisible({ timeout: 30_000 });

    // The first save spends the only token (and teaches the app the new limit).
    await field.fill(`Suite ${stamp}-1`);
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(toast(page, "Dealer profile saved")).toBeVisible({ timeout: 30_000 });

    // The next one must wait: the form says so at once, with a way out. Cancelled, nothing is sent.
    await field.fill(`Suite ${stamp}-2`);
    await page.getByRole("button", { name: "Save profile" }).click();
    const waiting = toast(page, /Waiting for CHeKT's rate limit — sending in \d+ s/);
    await expect(waiting).toBeVisible({ timeout: 10_000 });
    await waiting.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByText("Cancelled. Nothing was sent to CHeKT.")).toBeVisible();
    await expect(field).toHaveValue(`Suite ${stamp}-2`);
    await shots(page, "dealer-cancelled");
    actionPosts = 0;
    // Off the toasts (sonner holds their timers while the pointer is over them, as it is after Cancel),
    // so the first save's "saved" toast goes too and the last one below can only be the last save's.
    await page.mouse.move(0, 0);
    await page.clock.fastForward(60_000); // far past the countdown: a resend would go now
    expect(actionPosts).toBe(0);
    await expect(waiting).toBeHidden();
    await expect(toast(page, "Dealer profile saved")).toBeHidden();

    // Sent again, it waits once more, counting down instead of a silent spinner…
    await field.fill(`Suite ${stamp}-3`);
    await page.getByRole("button", { name: "Save profile" }).click();
    const again = toast(page, /Waiting for CHeKT's rate limit — sending in \d+ s/);
    await expect(again).toBeVisible({ timeout: 10_000 });
    const seconds = async () => Number((await again.textContent())?.match(/sending in (\d+) s/)?.[1] ?? 0);
    const first = await seconds();
    expect(first).toBeGreaterThanOrEqual(3);
    await expect.poll(seconds, { timeout: 3_000 }).toBeLessThan(first);
    await shots(page, "dealer-waiting");
    await expectAccessible(page);
    // …and then sends it by itself: CHeKT has the last value, never the cancelled one.
    // (Only then does the test look at CHeKT itself: its own calls spend the same partner budget.)
    await expect(toast(page, "Dealer profile saved")).toBeVisible({ timeout: 60_000 });
    expect((await partner<{ company_address2: string | null }>("")).company_address2).toBe(`Suite ${stamp}-3`);
  });
});
