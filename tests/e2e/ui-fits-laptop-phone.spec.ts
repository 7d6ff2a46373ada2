// The twenty-fifth UI review's findings, in a real browser at a 1280×800 laptop and a 390×844 phone: the
// devices page no longer widens the page past the laptop, the sites list fits the laptop with its names
// readable, the dashboard shows a waiting alarm's whole description, the settings tabs on a phone show
// which one is open, a site card's device counts are spaced as words, and on a phone the sites search shows
// its whole hint. axe on every page; screenshots under /tmp/shots/r25-ui.
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./setup";
import { expectNoSeriousA11y, fitsTheWidth, screenshotsTo, SMALL_LAPTOP_AND_PHONE } from "./setup/page-checks";
import { newSite, refreshDevices, stamp } from "./devices-helpers";
import { partner } from "./setup/partner";
import { sitesView } from "./sites-helpers";
import { raise } from "./verifications-helpers";

const { laptop: LAPTOP, phone: PHONE } = SMALL_LAPTOP_AND_PHONE;
const shots = screenshotsTo("/tmp/shots/r25-ui", { makeDir: true, fullPage: "none", sizes: SMALL_LAPTOP_AND_PHONE });
const phoneShot = screenshotsTo("/tmp/shots/r25-ui", { makeDir: true, fullPage: "none", sizes: { phone: PHONE } });

const LONG_DEVICE_NAME = "Außenkamera Tiefgarage Einfahrt Nord, Schranke 4 (PTZ, Infrarot, 360°)";

test("the devices page fits a 1280 px laptop: the grid scrolls in its own box, not the page", async ({ page }) => {
  await page.setViewportSize(LAPTOP);
  // A site of its own, with a device whose long name pushes the grid's last columns (all empty) past the laptop.
  const { siteId } = await newSite(page, "Fits", "admin");
  const device = `fits-${stamp}`;
  await partner(`/sites/${siteId}/devices`, "POST", [
    { external_device_id: device, device_type: "camera", name: LONG_DEVICE_NAME, zone_number: "001" },
  ]);
  await refreshDevices(page, siteId);
  await expect(page.getByTestId(`device-${device}`)).toBeVisible();
  // The grid is wider than the laptop's content column: its box scrolls, and it alone.
  await fitsTheWidth(page, "the devices page", "laptop", LAPTOP);
  // The type filter looks like the text filter beside it (it was the browser's grey, as if disabled).
  const background = (name: string) =>
    page.getByRole(name === "Filter devices" ? "searchbox" : "combobox", { name }).evaluate((el) => {
      return getComputedStyle(el).backgroundColor;
    });
  expect(await background("Filter by type")).toBe(await background("Filter devices"));
  await expectNoSeriousA11y(page);
  await shots(page, "devices");
});

/** Where each sites-table header ends, and the right edge of the box the table scrolls in. */
function sitesTableFit(page: Page) {
  return page.getByTestId("sites-table").evaluate((t) => {
    const box = t.parentElement!;
    const headers = [...t.querySelectorAll("thead th")].map((th) => ({
      text: (th.textContent ?? "").trim(),
      right: th.getBoundingClientRect().right,
      width: th.getBoundingClientRect().width,
    }));
    return { overflow: box.scrollWidth - box.clientWidth, right: box.getBoundingClientRect().right, headers };
  });
}

async function expectEveryColumnOnScreen(page: Page, rows: string) {
  const fit = await sitesTableFit(page);
  const cutOff = fit.headers.filter((h) => h.right > fit.right + 0.5).map((h) => h.text);
  expect(cutOff, `${rows}: columns past the list's right edge (${fit.overflow} px to scroll)`).toEqual([]);
  const name = fit.headers.find((h) => h.text.startsWith("Name"))!;
  // Room for an ordinary site name ("Harbor Logistics Warehouse") on two lines, not one word a line.
  expect(name.width, `${rows}: the Name column's width`).toBeGreaterThanOrEqual(160);
}

test("the sites list fits a 1280 px laptop: every column on screen, names not squeezed", async ({ page }) => {
  // The widest value each column can hold, side by side (a table is as wide as its widest cells): the zone
  // whose offset is longest ("GMT+13:45") and the one whose name has the longest word, a name of one long
  // word, long IDs and account numbers. Whatever else this stack's database holds, these bound the page.
  const widest = `Widest ${stamp}`;
  const long = (tag: string) => `${tag}-${stamp}-${Date.now()}-0123456789abcdef`;
  for (const [tag, timezone] of [
    ["Chatham", "Pacific/Chatham"],
    ["Antarctica", "Antarctica/DumontDUrville"],
  ] as const) {
    await partner("/sites", "POST", {
      external_site_id: long(tag),
      name: `${widest} ${tag} Distributionscenterverwaltungsgebäude`,
      timezone,
      account_number: `${Date.now()}${Date.now()}`,
    });
  }
  await page.setViewportSize(LAPTOP);
  await signIn(page, "operator", sitesView(widest));
  await page.getByTestId("freshness").getByRole("button", { name: "Refresh" }).click();
  await expect(page.getByTestId("site-row")).toHaveCount(2);
  await expectEveryColumnOnScreen(page, "the widest rows");
  await shots(page, "sites-widest");
  // And the list as it is, sorted by name: the seeded sites and whatever the other specs made.
  await page.goto("/sites");
  await expect(page.getByTestId("site-row").first()).toBeVisible();
  await expectEveryColumnOnScreen(page, "the first page");
  await expectNoSeriousA11y(page);
  await shots(page, "sites");
});

test("the dashboard shows a waiting alarm's whole description, on a laptop and a phone", async ({ page }) => {
  const description = `Door forced at the north loading dock, motion on three cameras in the yard (${stamp})`;
  await raise({ site_id: 1, description, expires_in_s: 290 });
  await signIn(page, "operator", "/");
  const item = page.getByTestId("waiting-item").filter({ hasText: description });
  // The dashboard is not live: it shows the alarm once CHeKT's webhook has reached the app.
  await expect(async () => {
    await page.reload();
    await expect(item).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  for (const size of [LAPTOP, PHONE]) {
    await page.setViewportSize(size);
    const text = item.getByText(description, { exact: true });
    await expect(text).toBeVisible();
    // Nothing cut off with an ellipsis: all of it is on screen to read.
    const cut = await text.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(cut, `the description is cut at ${size.width} px`).toBeLessThanOrEqual(0);
  }
  await expectNoSeriousA11y(page);
  await shots(page, "dashboard");
});

test("the dashboard names the dealer's own ID as the Dealer page does", async ({ page }) => {
  await signIn(page, "viewer", "/");
  await expect(page.getByText(/· your dealer ID acme-security$/)).toBeVisible();
  await page.goto("/dealer");
  await expect(page.getByText(/· your dealer ID acme-security$/)).toBeVisible();
});

test("on a phone the settings tabs show the open one, wherever it stands in the row", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signIn(page, "admin", "/audit");
  const openTab = (label: string) =>
    page.getByRole("navigation", { name: "Settings sections" }).getByRole("link", { name: label });
  /** How far the tab sticks out of the phone's screen, left or right (0: all of it on screen). */
  const offScreen = async (label: string) => {
    const box = (await openTab(label).boundingBox())!;
    return Math.max(0, -box.x, box.x + box.width - PHONE.width);
  };
  for (const [path, label] of [
    ["/audit", "Audit"],
    ["/webhook-log", "Webhook log"],
    ["/drift", "Drift"],
    ["/users", "Users"],
  ] as const) {
    if (new URL(page.url()).pathname !== path) await page.goto(path);
    await expect(openTab(label)).toHaveAttribute("aria-current", "page");
    // The row scrolls once the page is live (an effect after hydration), so the check waits for it.
    await expect.poll(() => offScreen(label), { message: `${label}: the open tab is off screen` }).toBe(0);
  }
  // Still on screen after the window was wide (no row to scroll) and narrow again.
  await page.setViewportSize(LAPTOP);
  await page.setViewportSize(PHONE);
  await expect.poll(() => offScreen("Users"), { message: "Users after a resize" }).toBe(0);
  await expectNoSeriousA11y(page);
  await phoneShot(page, "settings-tabs");
});

test("a site card's device counts read as words: '4 online · 0 offline'", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signIn(page, "operator", "/sites?q=Camden%20Office%20Suites");
  const status = page.getByTestId("site-row").first().getByTestId("site-device-status");
  await expect(status).toBeVisible();
  // As laid out (innerText), not the markup: a separator squeezed to "online·0" is what the eye reads.
  expect(await status.evaluate((el) => (el as HTMLElement).innerText)).toMatch(/^\d+ online · \d+ offline/);
  await expectNoSeriousA11y(page);
  await shots(page, "site-card");
});

test("on a phone the sites search is wide enough for its own hint", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signIn(page, "operator", "/sites");
  const search = page.getByRole("searchbox", { name: "Search" });
  await expect(search).toBeVisible();
  // The placeholder's width in the field's own font against the room inside the field.
  const { needs, room } = await search.evaluate((el) => {
    const input = el as HTMLInputElement;
    const style = getComputedStyle(input);
    const ctx = document.createElement("canvas").getContext("2d")!;
    ctx.font = style.font;
    const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
    return { needs: ctx.measureText(input.placeholder).width, room: input.clientWidth - padding };
  });
  expect(needs, `"Name, account, address or ID" is cut (${Math.round(room)} px of room)`).toBeLessThanOrEqual(room);
  await expectNoSeriousA11y(page);
});
