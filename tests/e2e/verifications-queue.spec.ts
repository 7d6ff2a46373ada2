// The live verification queue in a real browser: an alarm raised on the simulator appears without
// a reload (snapshot + countdown), one operator claims and dispatches it while a second operator
// watches it become "claimed by …" and then leave; an alarm left alone expires by itself.
import { expect, test } from "@playwright/test";
import { signIn, e2eSim } from "./setup";
import { simVerifications } from "../support/sim-control";
import { shotAsIs } from "./setup/page-checks";
import * as desk from "./verifications-helpers";

test("a new alarm appears live, is claimed, dispatched, and leaves every open queue", async ({ browser }) => {
  const operatorCtx = await browser.newContext();
  const otherCtx = await browser.newContext();
  const op = await operatorCtx.newPage();
  const other = await otherCtx.newPage();
  await signIn(op, "operator", "/verifications");
  await signIn(other, "admin", "/verifications");
  await Promise.all([desk.queueLive(op), desk.queueLive(other)]);

  // Live, no reload: the row, its countdown and its snapshot thumbnail.
  const { id, row: mine } = await desk.raiseShown(op, 1, "Door forced at loading dock", { trigger: "door-forced" });
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
  const theirs = desk.row(other, id);
  await expect(theirs.getByTestId("claimed-by")).toHaveText(/Claimed by Test operator/, { timeout: 10_000 });
  // The toolbar is the selected row's, and the first row is selected until a click: were another row
  // claimed by someone, its disabled Dispatch would pass for this one's. So: this row first, then its toolbar.
  await theirs.click();
  await expect(theirs).toHaveAttribute("aria-selected", "true");
  const toolbar = other.getByTestId("queue-actions");
  await expect(toolbar).toContainText("claimed by Test operator");
  await expect(toolbar.getByRole("button", { name: "Dispatch" })).toBeDisabled();

  // Dispatch, with confirmation and the contact CHeKT named preselected.
  const confirm = await desk.pickPoliceDispatch(op, detail);
  await desk.expectAccessible(op, "dialog[open]:has([data-testid=outcome-picker])");
  await confirm.getByRole("button", { name: "Dispatch" }).click();
  await expect(op.getByText("Dispatched. CHeKT recorded the answer.")).toBeVisible({ timeout: 15_000 });
  await expect(desk.row(op, id)).toHaveCount(0);
  await expect(desk.row(other, id)).toHaveCount(0, { timeout: 10_000 });

  // CHeKT really got the answer.
  const verifications = await simVerifications(e2eSim);
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
  await desk.signInToQueue(page);
  const { row: r } = await desk.raiseShown(page, 2, "Glass break, nobody answers", { expires_in_s: 6 });
  await expect(r).toHaveCount(0, { timeout: 15_000 });
});

test("a viewer sees the queue but no answer buttons", async ({ page }) => {
  await signIn(page, "viewer", "/verifications");
  await desk.queueLive(page);
  const raised = await desk.raise({ site_id: 3, expires_in_s: 120 });
  const r = desk.row(page, raised.verification.verification_id);
  await expect(r).toBeVisible({ timeout: 15_000 });
  await r.click();
  const toolbar = page.getByTestId("queue-actions");
  await expect(toolbar.getByRole("button", { name: "Open" })).toBeVisible();
  await expect(toolbar.getByRole("button", { name: "Dispatch" })).toHaveCount(0);
  await expect(toolbar.getByRole("button", { name: "Claim" })).toHaveCount(0);
});

test(
  "keyboard: arrows and j/k move focus, c claims and opens; Escape closes the picker and then the alarm, the " +
    "focus back in the alarm and then on its row; x asks before disregarding, the picker's first outcome focused",
  async ({ page }) => {
    await signIn(page, "operator", "/verifications");
    await desk.openQueue(page, "/verifications?sort=deadline");
    const a = await desk.raise({ site_id: 5, expires_in_s: 200, description: "Keyboard first" });
    const b = await desk.raise({ site_id: 6, expires_in_s: 250, description: "Keyboard second" });
    const first = desk.row(page, a.verification.verification_id);
    const second = desk.row(page, b.verification.verification_id);
    await expect(second).toBeVisible({ timeout: 15_000 });
    await expect(first).toBeVisible();

    // Deadline order: a (200 s) is above b (250 s). Focus a; ArrowDown moves focus and selection, ArrowUp
    // back; j/k too.
    const ids = await page
      .getByTestId("verification-row")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-verification-id")));
    const at = ids.indexOf(a.verification.verification_id);
    expect(ids.indexOf(b.verification.verification_id)).toBeGreaterThan(at);
    const below = desk.row(page, ids[at + 1]!);
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
    const dialog = page.getByRole("dialog").filter({ hasText: "Keyboard first" });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId("snapshot-large")).toBeVisible({ timeout: 15_000 });
    await expect(page.getByLabel("Contact who handled it")).not.toHaveValue("", { timeout: 10_000 });
    // Escape closes the alarm: the focus is on its row again, and the list's keys work at once.
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    await expect(first).toContainText("Claimed by you");
    await expect(first).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(below).toBeFocused();
    await page.keyboard.press("ArrowUp");
    await expect(first).toBeFocused();

    // The picker, from the alarm's own button: Escape closes it alone, the focus back on that button, and
    // then the alarm, the focus on its row.
    await page.keyboard.press("Enter");
    const disregardButton = dialog.getByRole("button", { name: "Disregard…" });
    await disregardButton.click();
    const picker = page.getByRole("dialog").filter({ hasText: "Disregard this alarm?" });
    await expect(picker.getByRole("radio").first()).toBeFocused({ timeout: 10_000 });
    await page.keyboard.press("Escape");
    await expect(picker).toHaveCount(0);
    await expect(dialog).toBeVisible();
    await expect(disregardButton).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    await expect(first).toBeFocused();

    // x asks before disregarding, the focus on the first outcome (Enter there does not close the picker);
    // confirming answers it, it leaves the queue, and the focus is on a row.
    await page.keyboard.press("x");
    const confirm = page.getByRole("dialog").filter({ hasText: "Disregard this alarm?" });
    await expect(confirm.getByRole("radio").first()).toBeFocused({ timeout: 10_000 });
    await page.keyboard.press("Enter");
    await expect(confirm).toBeVisible();
    await expect(confirm.getByRole("radio").first()).not.toBeChecked();
    await expect(page.getByLabel("Contact who handled it")).not.toHaveValue("", { timeout: 10_000 });
    await confirm.getByRole("radio", { name: "False alarm – animal" }).check();
    await confirm.getByRole("button", { name: "Disregard" }).click();
    await expect(page.getByText("Disregarded. CHeKT recorded the answer.")).toBeVisible({ timeout: 15_000 });
    await expect(first).toHaveCount(0);
    await expect(page.locator('[data-testid="verification-row"]:focus')).toHaveCount(1);
  },
);

test("in the opened alarm, where the operator decides, c claims and d and x open the outcome picker", async ({
  page,
}) => {
  await desk.signInToQueue(page);
  const { row: r } = await desk.raiseShown(page, 7, "Keys in the alarm", { expires_in_s: 240 });
  await r.click();
  // Enter opens it unclaimed; c claims it there, as its "Claim (c)" button says.
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog").filter({ hasText: "Keys in the alarm" });
  await expect(dialog.getByRole("button", { name: "Claim (c)" })).toBeVisible();
  await expect(page.getByLabel("Contact who handled it")).not.toHaveValue("", { timeout: 10_000 });
  await page.keyboard.press("c");
  await expect(dialog.getByRole("button", { name: "Release claim" })).toBeVisible({ timeout: 10_000 });
  await expect(r).toContainText("Claimed by you");

  // d: the dispatch picker, on its first outcome; Escape closes the picker only, the focus back in the alarm.
  await page.keyboard.press("d");
  const dispatch = page.getByRole("dialog").filter({ hasText: "Dispatch responders?" });
  await expect(dispatch.getByRole("radio").first()).toBeFocused({ timeout: 10_000 });
  await page.keyboard.press("Escape");
  await expect(dispatch).toHaveCount(0);
  await expect(dialog).toBeVisible();
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.closest("dialog")?.textContent ?? "<no dialog>"))
    .toContain("Keys in the alarm");

  // x: the disregard picker. Not while typing: x in the note field is text.
  const note = dialog.getByLabel("Note");
  await note.press("x");
  await expect(note).toHaveValue("x");
  await expect(page.getByRole("dialog").filter({ hasText: "Disregard this alarm?" })).toHaveCount(0);
  await note.fill("");
  await dialog.getByRole("button", { name: "Release claim" }).focus();
  await page.keyboard.press("x");
  const disregard = page.getByRole("dialog").filter({ hasText: "Disregard this alarm?" });
  await expect(disregard.getByRole("radio").first()).toBeFocused({ timeout: 10_000 });
  await disregard.getByRole("radio", { name: "False alarm – animal" }).check();
  await disregard.getByRole("button", { name: "Disregard" }).click();
  await expect(page.getByText("Disregarded. CHeKT recorded the answer.")).toBeVisible({ timeout: 15_000 });
  await expect(r).toHaveCount(0);
  // The key hint says so, and names Esc.
  await expect(page.getByText("Esc", { exact: true })).toBeVisible();
  await expect(page.getByText(/in the opened alarm/)).toBeVisible();
});

test("the selected alarm's toolbar sticks below the header, and a row moved to scrolls clear of both", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1366, height: 520 });
  await signIn(page, "operator", "/verifications");
  await desk.openQueue(page, "/verifications?sort=deadline");
  const raised = [];
  for (const [n, site] of [1, 2, 3, 4].entries())
    raised.push(await desk.raiseShown(page, site, `Sticky toolbar ${n + 1}`, { expires_in_s: 240 + n * 10 }));
  await raised[0]!.row.click();

  // Scrolled to the bottom: the toolbar sits right below the 64 px header, not under it.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const toolbar = page.getByTestId("queue-actions");
  const header = page.locator("header").first();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  const headerBox = (await header.boundingBox())!;
  await expect
    .poll(async () => (await toolbar.boundingBox())!.y)
    .toBeGreaterThanOrEqual(headerBox.y + headerBox.height - 1);
  const bar = (await toolbar.boundingBox())!;
  expect(bar.y).toBeLessThanOrEqual(headerBox.y + headerBox.height + 1);
  // Home moves to the first row, scrolled into view below the toolbar (its scroll margin), not behind it.
  await page.keyboard.press("Home");
  const top = page.getByTestId("verification-row").first();
  await expect(top).toBeFocused();
  await expect.poll(async () => (await top.boundingBox())!.y).toBeGreaterThanOrEqual(bar.y + bar.height);
  await desk.shots(page, "sticky-toolbar", false);
});

test("on a phone the claimed alarm's buttons wrap, all on screen; Release claim waits, then says it worked", async ({
  page,
}) => {
  await desk.signInToQueue(page);
  const toolbar = page.getByTestId("queue-actions");
  const { row: r } = await desk.raiseShown(page, 1, "Phone buttons", { expires_in_s: 240 });

  // A claimed alarm on a 375 px phone: Release claim, Disregard… and Dispatch… all on screen.
  await r.click();
  await toolbar.getByRole("button", { name: "Claim" }).click();
  const detail = page.getByRole("dialog").filter({ hasText: "Phone buttons" });
  const release = detail.getByRole("button", { name: "Release claim" });
  await expect(release).toBeVisible({ timeout: 10_000 });
  await page.setViewportSize({ width: 375, height: 812 });
  for (const name of ["Release claim", "Disregard…", "Dispatch…"]) {
    const box = (await detail.getByRole("button", { name }).boundingBox())!;
    expect(box.x, `${name} starts on screen`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${name} ends on screen`).toBeLessThanOrEqual(375);
    expect(box.y + box.height, `${name} above the bottom`).toBeLessThanOrEqual(812);
  }
  await shotAsIs(page, "detail-claimed-375", { dir: desk.SHOTS });
  await page.setViewportSize({ width: 1366, height: 900 });

  // Release claim: held on its way, it waits ("Releasing…"); answered, a toast says so and Claim is back.
  let letGo!: () => void;
  const held = new Promise<void>((resolve) => (letGo = resolve));
  // Server actions are POSTs to the page's own address.
  const deskPage = (url: URL) => url.pathname === "/verifications";
  await page.route(deskPage, async (route) => {
    if (route.request().method() !== "POST" || !route.request().headers()["next-action"]) return route.fallback();
    await held;
    await route.fallback();
  });
  await release.click();
  await expect(detail.getByRole("button", { name: "Releasing…" })).toBeDisabled();
  letGo();
  await expect(page.getByText("Claim released. Anyone at the desk can claim this alarm now.")).toBeVisible({
    timeout: 10_000,
  });
  await expect(detail.getByRole("button", { name: "Claim (c)" })).toBeVisible();
  await expect(detail.getByRole("button", { name: "Release claim" })).toHaveCount(0);
  await page.unroute(deskPage);
});
