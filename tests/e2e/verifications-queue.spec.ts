// The live verification queue in a real browser: an alarm raised on the simulator appears without
// a reload (snapshot + countdown), one operator claims and dispatches it while a second operator
// watches it become "claimed by …" and then leave; an alarm left alone expires by itself.
import { expect, test } from "@playwright/test";
import { signIn, sim } from "./setup";
import { openQueue, queueLive, raise, raiseShown, row } from "./verifications-helpers";

test("a new alarm appears live, is claimed, dispatched, and leaves every open queue", async ({ browser }) => {
  const operatorCtx = await browser.newContext();
  const otherCtx = await browser.newContext();
  const op = await operatorCtx.newPage();
  const other = await otherCtx.newPage();
  await signIn(op, "operator", "/verifications");
  await signIn(other, "admin", "/verifications");
  await Promise.all([queueLive(op), queueLive(other)]);

  // Live, no reload: the row, its countdown and its snapshot thumbnail.
  const { id, row: mine } = await raiseShown(op, 1, "Door forced at loading dock", { trigger: "door-forced" });
  await expect(mine).toContainText("Door forced at loading dock");
  await expect(mine).toContainText("Harbor Logistics Warehouse");
  const first = await mine.getByTestId("countdown").innerText();
  expect(first).toMatch(/^[0-9]+:[0-5][0-9]$/);
  const thumb = mine.getByTestId("snapshot-thumb").first();
  await expect(thumb).toBeVisible({ timeout: 15_000 });
  await expect
    .poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 15_000 })
    .toBe(true);
  await expect.poll(() => mine.getByTestId("countdown").innerText(), { timeout: 5_000 }).not.toBe(first);
  await expect(op).toHaveTitle(/^\(\d+\) Verifications/);

  // Claim from the toolbar: the detail view opens (it holds the claim); the other operator sees who has it.
  await mine.click();
  await op.getByTestId("queue-actions").getByRole("button", { name: "Claim" }).click();
  const detail = op.getByRole("dialog").filter({ hasText: "Door forced at loading dock" });
  await expect(detail).toBeVisible();
  await expect(detail.getByRole("button", { name: "Release claim" })).toBeVisible();
  const theirs = row(other, id);
  await expect(theirs.getByTestId("claimed-by")).toHaveText(/Claimed by Test operator/, { timeout: 10_000 });
  await theirs.click();
  await expect(other.getByTestId("queue-actions").getByRole("button", { name: "Dispatch" })).toBeDisabled();

  // Dispatch, with confirmation and the contact CHeKT named preselected.
  await expect(op.getByLabel("Contact who handled it")).not.toHaveValue("", { timeout: 10_000 });
  await detail.getByRole("button", { name: "Dispatch…" }).click();
  const confirm = op.getByRole("dialog").filter({ hasText: "Dispatch responders?" });
  await expect(confirm).toBeVisible();
  await confirm.getByRole("radio", { name: "Police dispatched" }).check();
  await confirm.getByRole("button", { name: "Dispatch" }).click();
  await expect(op.getByText("Dispatched. CHeKT recorded the answer.")).toBeVisible({ timeout: 15_000 });
  await expect(row(op, id)).toHaveCount(0);
  await expect(row(other, id)).toHaveCount(0, { timeout: 10_000 });

  // CHeKT really got the answer.
  const verifications = (await sim("/_sim/verifications")) as {
    verification_id: string;
    answer: { action: string } | null;
  }[];
  expect(verifications.find((v) => v.verification_id === id)?.answer?.action).toBe("dispatch");

  // And the history tab shows it with the operator's name.
  await op.getByRole("link", { name: "History" }).click();
  await expect(op.getByRole("cell", { name: "Dispatched", exact: true }).first()).toBeVisible();
  await expect(op.getByRole("cell", { name: "Test operator" }).first()).toBeVisible();
  // Its site opens the site's page.
  const site = op.getByRole("link", { name: "Harbor Logistics Warehouse", exact: true }).first();
  await expect(site).toHaveAttribute("href", "/sites/1");

  await operatorCtx.close();
  await otherCtx.close();
});

test("an alarm nobody answers expires and leaves the queue by itself", async ({ page }) => {
  await signIn(page, "operator", "/verifications");
  await queueLive(page);
  const { row: r } = await raiseShown(page, 2, "Glass break, nobody answers", { expires_in_s: 6 });
  await expect(r).toHaveCount(0, { timeout: 15_000 });
});

test("a viewer sees the queue but no answer buttons", async ({ page }) => {
  await signIn(page, "viewer", "/verifications");
  await queueLive(page);
  const raised = await raise({ site_id: 3, expires_in_s: 120 });
  const r = row(page, raised.verification.verification_id);
  await expect(r).toBeVisible({ timeout: 15_000 });
  await r.click();
  const toolbar = page.getByTestId("queue-actions");
  await expect(toolbar.getByRole("button", { name: "Open" })).toBeVisible();
  await expect(toolbar.getByRole("button", { name: "Dispatch" })).toHaveCount(0);
  await expect(toolbar.getByRole("button", { name: "Claim" })).toHaveCount(0);
});

test("keyboard: arrows and j/k move focus, c claims and opens, Escape closes, x asks before disregarding", async ({
  page,
}) => {
  await signIn(page, "operator", "/verifications");
  await openQueue(page, "/verifications?sort=deadline");
  const a = await raise({ site_id: 5, expires_in_s: 200, description: "Keyboard first" });
  const b = await raise({ site_id: 6, expires_in_s: 250, description: "Keyboard second" });
  const first = row(page, a.verification.verification_id);
  const second = row(page, b.verification.verification_id);
  await expect(second).toBeVisible({ timeout: 15_000 });
  await expect(first).toBeVisible();

  // Deadline order: a (200 s) is above b (250 s). Focus a; ArrowDown moves focus and selection, ArrowUp back; j/k too.
  const ids = await page
    .getByTestId("verification-row")
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-verification-id")));
  const at = ids.indexOf(a.verification.verification_id);
  expect(ids.indexOf(b.verification.verification_id)).toBeGreaterThan(at);
  const below = row(page, ids[at + 1]!);
  await first.click();
  await expect(first).toHaveAttribute("aria-selected", "true");
  await expect(first).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(below).toHaveAttribute("aria-selected", "true");
  await expect(below).toBeFocused();
  await expect(below).toHaveAttribute("tabindex", "0");
  await expect(first).toHaveAttribute("tabindex", "-1");
  await page.keyboard.press("ArrowUp");
  await expect(first).toBeFocused();
  await page.keyboard.press("j");
  await expect(below).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("k");
  await expect(first).toHaveAttribute("aria-selected", "true");

  await page.keyboard.press("c");
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Keyboard first");
  await expect(dialog.getByTestId("snapshot-large")).toBeVisible({ timeout: 15_000 });
  await expect(page.getByLabel("Contact who handled it")).not.toHaveValue("", { timeout: 10_000 });
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(first).toContainText("Claimed by you");

  // x asks before disregarding; confirming answers it and it leaves the queue.
  await first.focus();
  await page.keyboard.press("x");
  const confirm = page.getByRole("dialog").filter({ hasText: "Disregard this alarm?" });
  await expect(confirm).toBeVisible();
  await expect(page.getByLabel("Contact who handled it")).not.toHaveValue("", { timeout: 10_000 });
  await confirm.getByRole("radio", { name: "False alarm – animal" }).check();
  await confirm.getByRole("button", { name: "Disregard" }).click();
  await expect(page.getByText("Disregarded. CHeKT recorded the answer.")).toBeVisible({ timeout: 15_000 });
  await expect(first).toHaveCount(0);
});
