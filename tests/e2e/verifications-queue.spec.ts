// The live verification queue in a real browser: an alarm raised on the simulator appears without
// a reload (snapshot + countdown), one operator claims and dispatches it while a second operator
// watches it become "claimed by …" and then leave; an alarm left alone expires by itself.
import { expect, test, type Page } from "@playwright/test";
import { signIn, sim } from "./setup";

type Raised = { verification: { verification_id: string } };

const row = (page: Page, id: string) => page.locator(`[data-testid="verification-row"][data-verification-id="${id}"]`);

async function openQueue(page: Page) {
  await page.goto("/verifications");
  await expect(page.getByRole("heading", { name: "Verifications" })).toBeVisible();
  // Wait until the live stream is connected before raising anything.
  await expect(page.getByText("Live", { exact: true })).toBeVisible({ timeout: 20_000 });
}

test("a new alarm appears live, is claimed, dispatched, and leaves every open queue", async ({ browser }) => {
  const operatorCtx = await browser.newContext();
  const otherCtx = await browser.newContext();
  const op = await operatorCtx.newPage();
  const other = await otherCtx.newPage();
  await signIn(op, "operator", "/verifications");
  await signIn(other, "admin", "/verifications");
  await Promise.all([openQueue(op), openQueue(other)]);

  const raised = (await sim("/_sim/alarms", { body: { site_id: 1, expires_in_s: 300, trigger: "door-forced", description: "Door forced at loading dock" } })) as Raised;
  const id = raised.verification.verification_id;

  // Live, no reload: the row, its countdown and its snapshot thumbnail.
  const mine = row(op, id);
  await expect(mine).toBeVisible({ timeout: 15_000 });
  await expect(mine).toContainText("Door forced at loading dock");
  await expect(mine).toContainText("Harbor Logistics Warehouse");
  const first = await mine.getByTestId("countdown").innerText();
  expect(first).toMatch(/^[0-9]+:[0-5][0-9]$/);
  const thumb = mine.getByTestId("snapshot-thumb").first();
  await expect(thumb).toBeVisible({ timeout: 15_000 });
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 15_000 }).toBe(true);
  await expect.poll(() => mine.getByTestId("countdown").innerText(), { timeout: 5_000 }).not.toBe(first);
  await expect(op).toHaveTitle(/^\(\d+\) Verifications/);
  await op.screenshot({ path: test.info().outputPath("queue-live.png"), fullPage: true });

  // Claim: the other operator sees who has it at once and cannot answer.
  await mine.getByRole("button", { name: "Claim" }).click();
  await expect(mine).toContainText("Claimed by you");
  const theirs = row(other, id);
  await expect(theirs.getByTestId("claimed-by")).toHaveText(/Claimed by Test operator/, { timeout: 10_000 });
  await expect(theirs.getByRole("button", { name: "Dispatch" })).toBeDisabled();
  await other.screenshot({ path: test.info().outputPath("queue-claimed.png"), fullPage: true });

  // Dispatch, with confirmation and the contact CHeKT named preselected.
  await mine.getByRole("button", { name: "Dispatch" }).click();
  const dialog = op.getByRole("dialog").filter({ hasText: "Dispatch responders?" });
  await expect(dialog).toBeVisible();
  await expect(op.getByLabel("Contact who handled it")).not.toHaveValue("", { timeout: 10_000 });
  await op.screenshot({ path: test.info().outputPath("dispatch-confirm.png"), fullPage: true });
  await dialog.getByRole("button", { name: "Dispatch" }).click();
  await expect(op.getByText("Dispatched. CHeKT recorded the answer.")).toBeVisible({ timeout: 15_000 });
  await expect(row(op, id)).toHaveCount(0);
  await expect(row(other, id)).toHaveCount(0, { timeout: 10_000 });

  // CHeKT really got the answer.
  const verifications = (await sim("/_sim/verifications")) as { verification_id: string; answer: { action: string } | null }[];
  expect(verifications.find((v) => v.verification_id === id)?.answer?.action).toBe("dispatch");

  // And the history tab shows it with the operator's name.
  await op.getByRole("link", { name: "History" }).click();
  await expect(op.getByRole("cell", { name: "dispatched" }).first()).toBeVisible();
  await expect(op.getByRole("cell", { name: "Test operator" }).first()).toBeVisible();
  await op.screenshot({ path: test.info().outputPath("history.png"), fullPage: true });

  await operatorCtx.close();
  await otherCtx.close();
});

test("an alarm nobody answers expires and leaves the queue by itself", async ({ page }) => {
  await signIn(page, "operator", "/verifications");
  await openQueue(page);
  const raised = (await sim("/_sim/alarms", { body: { site_id: 2, expires_in_s: 6, description: "Glass break, nobody answers" } })) as Raised;
  const r = row(page, raised.verification.verification_id);
  await expect(r).toBeVisible({ timeout: 15_000 });
  await expect(r).toHaveCount(0, { timeout: 15_000 });
});

test("a viewer sees the queue but no answer buttons", async ({ page }) => {
  await signIn(page, "viewer", "/verifications");
  await openQueue(page);
  const raised = (await sim("/_sim/alarms", { body: { site_id: 3, expires_in_s: 120 } })) as Raised;
  const r = row(page, raised.verification.verification_id);
  await expect(r).toBeVisible({ timeout: 15_000 });
  await expect(r.getByRole("button", { name: "Dispatch" })).toHaveCount(0);
  await expect(r.getByRole("button", { name: "Claim" })).toHaveCount(0);
});

test("keyboard: j/k move, c claims, Enter opens the large view, Escape closes it", async ({ page }) => {
  await signIn(page, "operator", "/verifications");
  await openQueue(page);
  const a = (await sim("/_sim/alarms", { body: { site_id: 5, expires_in_s: 200, description: "Keyboard first" } })) as Raised;
  const b = (await sim("/_sim/alarms", { body: { site_id: 6, expires_in_s: 250, description: "Keyboard second" } })) as Raised;
  const first = row(page, a.verification.verification_id);
  const second = row(page, b.verification.verification_id);
  await expect(second).toBeVisible({ timeout: 15_000 });
  await expect(first).toBeVisible();

  // Oldest deadline first: a (200 s) is above b (250 s). Select a; j moves to the row below it, k back.
  const ids = await page.getByTestId("verification-row").evaluateAll((els) => els.map((e) => e.getAttribute("data-verification-id")));
  const at = ids.indexOf(a.verification.verification_id);
  expect(at).toBeGreaterThanOrEqual(0);
  expect(ids.indexOf(b.verification.verification_id)).toBeGreaterThan(at);
  const below = row(page, ids[at + 1]!);
  await first.click();
  await expect(first).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("j");
  await expect(below).toHaveAttribute("aria-selected", "true");
  await expect(first).toHaveAttribute("aria-selected", "false");
  await page.keyboard.press("k");
  await expect(first).toHaveAttribute("aria-selected", "true");

  await page.keyboard.press("c");
  await expect(first).toContainText("Claimed by you");

  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Keyboard first");
  await expect(dialog.getByTestId("snapshot-large")).toBeVisible();
  await expect(page.getByLabel("Contact who handled it")).not.toHaveValue("", { timeout: 10_000 });
  await page.screenshot({ path: test.info().outputPath("detail.png") });
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);

  // x asks before disregarding; confirming answers it and it leaves the queue.
  await page.keyboard.press("x");
  const confirm = page.getByRole("dialog").filter({ hasText: "Disregard this alarm?" });
  await expect(confirm).toBeVisible();
  await expect(page.getByLabel("Contact who handled it")).not.toHaveValue("", { timeout: 10_000 });
  await confirm.getByRole("button", { name: "Disregard" }).click();
  await expect(page.getByText("Disregarded. CHeKT recorded the answer.")).toBeVisible({ timeout: 15_000 });
  await expect(first).toHaveCount(0);
});
