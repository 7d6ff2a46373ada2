// Every list page at phone size (390×844) on the one DataTable: rows are cards (the table's rows
// restyled, one DOM), every link, button and select on a card is at least 24 px tall (WCAG 2.5.8),
// the page never scrolls sideways, and axe finds nothing serious. Laptop and phone screenshots
// under /tmp/shots/lists when that folder exists. Also: a sortable header says how it sorts.
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./setup";
import { fitsTheWidth, shotAsIs } from "./setup/page-checks";
import { expectAccessible } from "./verifications-helpers";

const SHOTS = "/tmp/shots/lists";
const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1366, height: 900 };

/** A full-page screenshot at the size the page has now, labelled with that size. */
const shot = (page: Page, name: string, label: string) =>
  shotAsIs(page, `${name}-${label}`, { fullPage: true, dir: SHOTS });

/** Row cards of the page's list table, with each interactive element's height. */
async function cards(page: Page) {
  return page.evaluate(() => {
    // The list's own rows: a table inside a card (the audit row's change diff) is content, not a row.
    const rows = [...document.querySelectorAll("table tbody tr")].filter(
      (tr) => (tr as HTMLElement).offsetParent !== null && !tr.parentElement?.closest("td"),
    );
    return rows.slice(0, 10).map((tr) => ({
      display: getComputedStyle(tr).display,
      // The card's title (a cell marked data-card="title") stands above its other fields.
      titleOnTop: (() => {
        const cells = [...tr.children].filter((td) => (td as HTMLElement).offsetParent !== null);
        const title = cells.find((td) => td.getAttribute("data-card") === "title");
        const tops = cells.filter((td) => td !== title).map((td) => td.getBoundingClientRect().top);
        return !title || tops.every((top) => title.getBoundingClientRect().top < top);
      })(),
      targets: [...tr.querySelectorAll("a, button, select, summary, input")]
        .filter((el) => (el as HTMLElement).offsetParent !== null)
        .map((el) => ({
          what: `${el.tagName.toLowerCase()} "${(el.textContent ?? "").trim().slice(0, 30)}"`,
          h: el.getBoundingClientRect().height,
        })),
    }));
  });
}

async function checkPhone(page: Page, name: string, opts: { mustHaveRows: boolean }) {
  await page.setViewportSize(PHONE);
  // The rows stream in after the heading: wait for the first, or the checks below would loop over none.
  if (opts.mustHaveRows) await expect(page.locator("table tbody tr").first(), `${name}: rows to show`).toBeVisible();
  await fitsTheWidth(page, name, "phone", PHONE);
  const found = await cards(page);
  if (opts.mustHaveRows) expect(found.length, `${name}: rows to show`).toBeGreaterThan(0);
  for (const card of found) {
    expect(card.display, `${name}: a row is a card (a column of fields), not a table row`).toBe("flex");
    expect(card.titleOnTop, `${name}: a card opens with its title`).toBe(true);
    for (const t of card.targets)
      expect(t.h, `${name}: ${t.what} is a touch target under 24 px`).toBeGreaterThanOrEqual(24);
  }
  await expectAccessible(page);
  await shot(page, name, "phone");
  await page.setViewportSize(LAPTOP);
  if (found.length) {
    const display = await page
      .locator("table tbody tr")
      .first()
      .evaluate((tr) => getComputedStyle(tr).display);
    expect(display, `${name}: a table row again at laptop width`).toBe("table-row");
  }
  await expectAccessible(page);
  await shot(page, name, "laptop");
}

test("admin list pages at phone size: cards, 24 px targets, no sideways scroll, axe clean", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, "admin", "/users");
  for (const [path, name, mustHaveRows] of [
    ["/users", "users", true],
    ["/audit", "audit", true],
    ["/webhook-log", "webhook-log", false],
    // The e2e seed has stations and devices; the webhook log and the history may be empty on a fresh run.
    ["/stations", "stations", true],
    ["/fleet", "fleet", true],
    ["/verifications/history", "history", false],
  ] as const) {
    await page.goto(path);
    await expect(page.locator("main h1").first()).toBeVisible();
    await checkPhone(page, name, { mustHaveRows });
  }
  // The users list's row actions stay reachable on a card.
  await page.setViewportSize(PHONE);
  await page.goto("/users");
  const card = page.locator("tr[data-email]").first();
  await expect(card.getByRole("combobox")).toBeVisible();
  await expect(card.getByRole("button").first()).toBeVisible();
});

test("sites list at phone size: cards with the sort links above them; headers carry aria-sort", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "operator", "/sites");
  await expect(page.getByTestId("site-row").first()).toBeVisible({ timeout: 30_000 });
  const nameHeader = page.getByRole("columnheader", { name: /Name/ });
  await expect(nameHeader).toHaveAttribute("aria-sort", "ascending");
  await nameHeader.getByRole("link").click();
  await expect(page).toHaveURL(/dir=desc/);
  await expect(page.getByRole("columnheader", { name: /Name/ })).toHaveAttribute("aria-sort", "descending");
  await checkPhone(page, "sites", { mustHaveRows: true });
  await page.setViewportSize(PHONE);
  // Sorting stays reachable on a phone: the sortable headers show as links above the cards.
  await expect(page.getByRole("link", { name: /Sort by Time zone|Time zone/ }).first()).toBeVisible();
  const siteId = (await page.getByTestId("site-row").first().getByRole("link").first().getAttribute("href"))!
    .split("/")
    .pop();
  await page.goto(`/sites/${siteId}/devices/jobs`);
  await checkPhone(page, "jobs", { mustHaveRows: false });
});

test("the phone menu and a dialog by keyboard: focus goes in, stays in, and comes back", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signIn(page, "admin", "/users");
  const sidebar = page.getByRole("complementary", { name: "Sidebar" });
  await expect(sidebar.getByRole("link", { name: "Sites" })).toBeHidden();
  const open = page.getByRole("button", { name: "Open menu" });
  await open.click();
  await expect(sidebar.getByRole("navigation").getByRole("link").first()).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(sidebar.getByRole("link", { name: "Sites" })).toBeHidden();
  await expect(open).toBeFocused();
  // A move to another page closes it too.
  await open.click();
  await sidebar.getByRole("link", { name: "Sites" }).click();
  await expect(page).toHaveURL(/\/sites$/);
  await expect(sidebar.getByRole("link", { name: "Sites" })).toBeHidden();

  // A confirm keeps Tab inside itself, and Esc hands the focus back to the button that opened it.
  await page.goto("/users");
  const reset = page.locator("tr[data-email]").first().getByRole("button", { name: "Reset password" });
  await reset.click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press("Tab");
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(reset).toBeFocused();
});

test("the phone menu: closed, out of the tab order; open, the page behind is inert and Tab stays in it", async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  await signIn(page, "admin", "/users");
  // By id: closed, it is hidden from the accessibility tree, so no role finds it.
  const sidebar = page.locator("#sidebar");
  const inSidebar = () => sidebar.evaluate((s) => s.contains(document.activeElement));
  const open = page.getByRole("button", { name: "Open menu" });
  // Closed: Tab from the menu button walks the page, never the hidden links.
  await open.focus();
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press("Tab");
    expect(await inSidebar(), `Tab ${i + 1} with the menu closed`).toBe(false);
  }

  await open.click();
  await expect(sidebar.getByRole("navigation").getByRole("link").first()).toBeFocused();
  // The header and the page are inert: out of reach of the keyboard and of screen readers.
  for (const behind of ["header", "#main", ".skip-link"]) {
    expect(await page.locator(behind).evaluate((el) => el.closest("[inert]") !== null), behind).toBe(true);
  }
  const links = await sidebar.locator("a[href], button").count();
  for (const key of ["Tab", "Shift+Tab"]) {
    for (let i = 0; i < links + 2; i++) {
      await page.keyboard.press(key);
      expect(await inSidebar(), `${key} ${i + 1} with the menu open`).toBe(true);
    }
  }
  await expectAccessible(page);
  await shot(page, "menu-open", "phone");
  await page.keyboard.press("Escape");
  await expect(open).toBeFocused();
  expect(await page.locator("#main").evaluate((el) => el.closest("[inert]") !== null)).toBe(false);

  // Open, then the window grows to a laptop's: the sidebar shows beside the page, which is live again.
  await open.click();
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(page.getByRole("main")).toBeVisible();
  expect(await page.locator("#main").evaluate((el) => el.closest("[inert]") !== null)).toBe(false);
  await expectAccessible(page);
  await shot(page, "menu-wide", "laptop");
});
