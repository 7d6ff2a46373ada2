// The device grid never acts on what the user cannot see, names what it is about to delete, and is
// usable with the keyboard alone (one Tab stop, arrows between cells, Enter edits, Escape cancels).
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./setup";
import { partner } from "./setup/partner";
import { expectAccessible, newSite, refreshDevices, shots, stamp } from "./devices-helpers";
import {
  SMALL_LAPTOP_AND_PHONE,
  VIEWPORTS,
  expectNoSeriousA11y,
  fitsTheWidth,
  screenshotsTo,
} from "./setup/page-checks";

const gid = (name: string) => `gr-${stamp}-${name.toLowerCase().replace(/\W+/g, "-")}`;

/**
 * Cameras made CHeKT-side (as an installer would), then the site's grid refreshed to show them. The
 * paste that provisions through the console is devices-paste.spec.ts's to test; these tests are the grid's.
 */
async function provision(page: Page, siteId: number, names: string[]) {
  const devices = names.map((n, i) => ({
    external_device_id: gid(n),
    device_type: "camera",
    name: n,
    zone_number: String(i + 1),
  }));
  await partner(`/sites/${siteId}/devices`, "POST", devices);
  await refreshDevices(page, siteId);
  await expect(page.getByTestId("grid-count")).toHaveText(`${names.length} of ${names.length}`, { timeout: 30_000 });
}

/** Signs in as the operator, creates a site and provisions `names` on it; the site's id, its grid open. */
async function gridSite(page: Page, siteName: string, names: string[]): Promise<number> {
  const { siteId } = await newSite(page, siteName, "operator");
  await provision(page, siteId, names);
  return siteId;
}

const editorShot = screenshotsTo("/tmp/shots/devices", {
  prefix: "devices-",
  fullPage: "none",
  sizes: { laptop: SMALL_LAPTOP_AND_PHONE.laptop },
});

const roof = Array.from({ length: 21 }, (_, i) => `Roof ${String(i + 1).padStart(2, "0")}`);

test("grid selection is scoped to the filter; the confirmation names the devices", async ({ page }) => {
  test.setTimeout(180_000);
  const siteId = await gridSite(page, "Grid scope", [...roof, "Lobby East", "Lobby West"]);

  await page.getByLabel("Filter devices").fill("Roof");
  await expect(page.getByTestId("grid-count")).toHaveText("21 of 23");
  await page.getByLabel("Select every shown device").check();
  await expect(page.getByRole("button", { name: "Delete 21" })).toBeVisible();
  await page.getByRole("button", { name: "Delete 21" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete 21 devices?" });
  await expect(dialog.getByTestId("delete-names").getByRole("listitem")).toHaveCount(20);
  await expect(dialog).toContainText(`Roof 01 (${gid("Roof 01")})`);
  await expect(dialog).toContainText("and 1 more");
  await shots(page, "grid-confirm");
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // A new filter drops the hidden selection: one tick now means one device.
  await page.getByLabel("Filter devices").fill("Lobby");
  await expect(page.getByTestId("grid-count")).toHaveText("2 of 23");
  await expect(page.getByTestId("selected-count")).toHaveCount(0);
  await page.getByLabel(`Select Lobby East (${gid("Lobby East")})`).check();
  await expect(page.getByTestId("selected-count")).toHaveText("1 selected");
  // Clearing the filter does not bring the Roof selection back.
  await page.getByLabel("Filter devices").fill("");
  await expect(page.getByTestId("selected-count")).toHaveText("1 selected");
  await page.getByRole("button", { name: "Delete 1" }).click();
  const one = page.getByRole("dialog", { name: "Delete 1 device?" });
  await expect(one.getByRole("listitem")).toHaveText([`Lobby East (${gid("Lobby East")})`]);
  await one.getByRole("button", { name: "Delete 1" }).click();
  await expect(page).toHaveURL(/\/devices\/jobs\//, { timeout: 30_000 });
  await expect(page.getByTestId("job-succeeded")).toHaveText("1", { timeout: 30_000 });
  const left = (await partner(`/sites/${siteId}/devices?limit=100`, "GET")) as { external_device_id: string }[];
  expect(left.length).toBe(22);
  expect(left.some((d) => d.external_device_id === gid("Lobby East"))).toBe(false);
});

test("grid by keyboard alone: one Tab stop, arrows, Enter to edit, Escape to cancel, Enter to open", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const siteId = await gridSite(page, "Grid keys", ["Alpha", "Bravo", "Charlie"]);
  const grid = page.getByRole("grid", { name: "Devices" });

  // Exactly one element of the grid is in the tab order.
  const tabbable = await grid.evaluate(
    (el) => [...el.querySelectorAll<HTMLElement>("*")].filter((e) => e.tabIndex >= 0).length,
  );
  expect(tabbable).toBe(1);
  // The toolbar's type filter, reached by Tab from the text filter, shows the focus ring every control has.
  await page.getByLabel("Filter devices").focus();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Filter by type")).toBeFocused();
  await shots(page, "grid-type-filter-focus");
  await page.getByLabel("Filter by type").focus();
  await page.keyboard.press("Tab");
  const active = grid.locator('[data-pos="0:0"]');
  await expect(active).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(grid.locator(":focus")).toHaveCount(0);
  await page.keyboard.press("Shift+Tab");
  await expect(active).toBeFocused();

  // Down to Alpha's checkbox cell; Space ticks it.
  await page.keyboard.press("ArrowDown");
  await expect(grid.locator('[data-pos="1:0"]')).toBeFocused();
  await page.keyboard.press("Space");
  await expect(page.getByTestId("selected-count")).toHaveText("1 selected");
  await page.keyboard.press("Space");
  await expect(page.getByTestId("selected-count")).toHaveCount(0);

  // Right to Name (select, external ID, type, name); Enter edits, Escape cancels.
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  const nameCell = grid.locator('[data-pos="1:3"]');
  await expect(nameCell).toBeFocused();
  await expect(nameCell).toHaveText("Alpha");
  await page.keyboard.press("Enter");
  const editor = page.getByLabel(`New Name for ${gid("Alpha")}`);
  await expect(editor).toBeFocused();
  // At this size only: a phone lays the grid out again, and the editor's focus is what the shot is of.
  await editorShot(page, "grid-editor-focus");
  await page.keyboard.type("Nope");
  await page.keyboard.press("ArrowLeft"); // moves the caret, not the cell
  await expect(editor).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(editor).toHaveCount(0);
  await expect(nameCell).toBeFocused();
  await expect(nameCell).toHaveText("Alpha");

  await page.keyboard.press("Enter");
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("Alpha gate");
  await page.keyboard.press("Enter");
  await expect(
    page.locator("[data-sonner-toast]").filter({ hasText: "Update queued for Alpha" }).first(),
  ).toBeVisible();
  await expect(nameCell).toBeFocused();
  await expect
    .poll(
      async () =>
        ((await partner(`/sites/${siteId}/devices?limit=100`, "GET")) as { name: string }[]).map((d) => d.name),
      { timeout: 60_000 },
    )
    .toContain("Alpha gate");

  // Home / End / Ctrl+End, then Enter on an external ID opens its details; Escape returns to the cell.
  await page.keyboard.press("End");
  await expect(grid.locator('[data-pos="1:13"]')).toBeFocused();
  await page.keyboard.press("Home");
  await expect(grid.locator('[data-pos="1:0"]')).toBeFocused();
  await page.keyboard.press("ControlOrMeta+End");
  await expect(grid.locator('[data-pos="3:13"]')).toBeFocused();
  await page.keyboard.press("ControlOrMeta+Home");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog", { name: /^Device gr-/ })).toBeVisible();
  await expect(page.getByRole("dialog", { name: /^Device gr-/ }).getByText("Device ID (yours)")).toBeVisible();
  await shots(page, "grid-drawer");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog", { name: /^Device gr-/ })).toHaveCount(0);
  await expect(grid.locator('[data-pos="1:1"]')).toBeFocused();

  // Enter on a header sorts.
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Enter");
  await expect(grid.locator("th[aria-sort]")).toHaveAttribute("aria-sort", "ascending");

  await expectAccessible(page, "main");
  await shots(page, "grid");
});

test("a viewer sees the grid read-only, without add, paste, select or edit", async ({ page, browser }) => {
  const siteId = await gridSite(page, "Grid viewer", ["Gate"]);
  // The viewer signs in in a browser of their own: the operator's tab polls the job and its answers
  // roll the operator's session cookie, so clearing cookies in the same context could race them.
  const viewerContext = await browser.newContext();
  const viewer = await viewerContext.newPage();
  await signIn(viewer, "viewer", `/sites/${siteId}/devices`);
  await expect(viewer.getByTestId(`device-${gid("Gate")}`)).toBeVisible();
  await expect(viewer.getByRole("link", { name: "Add device" })).toHaveCount(0);
  await expect(viewer.getByRole("link", { name: "Paste devices" })).toHaveCount(0);
  await expect(viewer.getByLabel(`Select Gate (${gid("Gate")})`)).toHaveCount(0);
  await viewer.getByRole("grid", { name: "Devices" }).locator('[data-pos="1:2"]').focus();
  await viewer.keyboard.press("Enter");
  await expect(viewer.getByLabel(`New Name for ${gid("Gate")}`)).toHaveCount(0);
  expect((await viewer.goto(`/sites/${siteId}/devices/new`))?.status()).toBe(403);
  await viewerContext.close();
});

test("devices page at phone size: cards, select/open/edit reachable, 24 px targets, no sideways scroll", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await gridSite(page, "Grid phone", ["Phone Gate", "Phone Loading Dock North Entrance Camera With A Long Name"]);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(page.getByTestId("grid-count")).toHaveText("2 of 2");

  await fitsTheWidth(page, "the devices page", "phone", VIEWPORTS.phone);
  const cards = await page.getByRole("grid", { name: "Devices" }).evaluate((grid) =>
    [...grid.querySelectorAll("tbody tr")].map((tr) => ({
      display: getComputedStyle(tr).display,
      right: tr.getBoundingClientRect().right,
      targets: [...tr.querySelectorAll("a, button, select, input")]
        .filter((el) => (el as HTMLElement).offsetParent !== null)
        .map((el) => ({ what: el.getAttribute("aria-label") ?? el.textContent, h: el.getBoundingClientRect().height })),
    })),
  );
  expect(cards).toHaveLength(2);
  for (const card of cards) {
    expect(card.display, "a device is a card (block), not a table row").toBe("block");
    expect(card.right).toBeLessThanOrEqual(390);
    for (const t of card.targets) expect(t.h, `${t.what} is a touch target under 24 px`).toBeGreaterThanOrEqual(24);
  }

  // Select (one box, or all shown from the toolbar), open, edit: each a tap on the card.
  const gate = page.getByTestId(`device-${gid("Phone Gate")}`);
  await gate.getByLabel(`Select Phone Gate (${gid("Phone Gate")})`).check();
  await expect(page.getByTestId("selected-count")).toHaveText("1 selected");
  await page.getByLabel("Select all shown").check();
  await expect(page.getByRole("button", { name: "Delete 2" })).toBeVisible();
  await page.getByLabel("Select all shown").uncheck();
  await gate.getByRole("button", { name: gid("Phone Gate") }).click();
  await expect(page.getByRole("dialog", { name: `Device ${gid("Phone Gate")}` })).toBeVisible();
  await page.getByRole("dialog").getByRole("button", { name: "Close", exact: true }).click();
  await gate.getByRole("button", { name: "Edit Name of Phone Gate" }).click();
  const editor = page.getByLabel(`New Name for ${gid("Phone Gate")}`);
  await expect(editor).toBeFocused();
  expect((await editor.boundingBox())!.x + (await editor.boundingBox())!.width).toBeLessThanOrEqual(390);
  await page.keyboard.press("Escape");
  await expect(editor).toHaveCount(0);
  // Sorting stays reachable: the headers are chips above the cards.
  await page.getByRole("button", { name: /^Name/ }).click();
  await expect(page.getByRole("columnheader", { name: /^Name/ })).toHaveAttribute("aria-sort", "ascending");

  await expectAccessible(page, "main");
  await shots(page, "grid-phone");
  // Back at laptop width the same rows are a table again.
  await page.setViewportSize({ width: 1366, height: 900 });
  expect(await gate.evaluate((tr) => getComputedStyle(tr).display)).toBe("table-row");
});

test("the details drawer is a modal dialog: the grid inert, Tab stays in, Esc and the backdrop close", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await gridSite(page, "Grid drawer", ["Drawer cam", "Other cam"]);
  const opener = page.getByTestId(`device-${gid("Drawer cam")}`).getByRole("button", { name: gid("Drawer cam") });
  await opener.click();
  const drawer = page.getByRole("dialog", { name: `Device ${gid("Drawer cam")}` });
  await expect(drawer).toBeVisible();
  await expect(drawer).toHaveAccessibleDescription("Drawer cam");
  // Shown as a modal <dialog>: the browser makes everything else inert.
  expect(await drawer.evaluate((d) => d.matches("dialog:modal"))).toBe(true);
  await expect(drawer.getByRole("button", { name: "Close", exact: true })).toBeFocused();
  for (const key of ["Tab", "Tab", "Shift+Tab", "Shift+Tab"]) {
    await page.keyboard.press(key);
    expect(await drawer.evaluate((d) => d.contains(document.activeElement)), key).toBe(true);
  }
  await screenshotsTo("/tmp/shots/devices", {
    prefix: "devices-",
    sizes: SMALL_LAPTOP_AND_PHONE,
    check: (p) => expectNoSeriousA11y(p),
  })(page, "drawer-dialog");

  await page.keyboard.press("Escape");
  await expect(drawer).toHaveCount(0);
  await expect(opener).toBeFocused();
  // A click on the backdrop (left of the panel) closes it too, and the focus goes back all the same.
  await opener.click();
  await expect(drawer).toBeVisible();
  await page.mouse.click(10, 400);
  await expect(drawer).toHaveCount(0);
  await expect(opener).toBeFocused();
});
