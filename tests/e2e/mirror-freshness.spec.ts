// The mirror in a real browser (docs/mirror.md): pages render from Postgres with their age while
// CHeKT answers nothing but 429s; Refresh re-reads from CHeKT and shows a change made there, or
// says the site was deleted in CHeKT; the freshness line on a laptop and a phone; axe on every page
// the mirror feeds.
import { expect, test } from "@playwright/test";
import { AS_OF, signIn, e2eSim } from "./setup";
import { clearSimFaults, simFault } from "../support/sim-control";
import { expectNoSeriousA11y, screenshotsTo } from "./setup/page-checks";
import { sweptAndIdle } from "./mirror-helpers";
import { defaultRateLimit, partner, roomyRateLimit, siteShownToOperator, stamp } from "./sites-helpers";

/** Laptop and phone (390×844) screenshots of the page as it is now. */
const shots = screenshotsTo("/tmp/shots/mirror", { makeDir: true });

test.beforeAll(roomyRateLimit);
test.afterAll(defaultRateLimit);

test("CHeKT answering only 429s: dashboard, sites list and a site page render from the mirror with their age", async ({
  page,
}) => {
  await sweptAndIdle();
  await signIn(page, "operator", "/sites");
  await expect(page.getByTestId("site-row").first()).toBeVisible();
  await simFault(e2eSim, { path: "/partner/**", rate_429: 1 });
  try {
    await page.goto("/sites");
    await expect(page.getByTestId("site-row").first()).toBeVisible();
    await expect(page.getByTestId("freshness")).toContainText(AS_OF);
    // Refresh cannot reach CHeKT: it says so and the rows stay.
    await page.getByTestId("freshness").getByRole("button", { name: "Refresh" }).click();
    await expect(page.getByTestId("freshness-problem")).toContainText("Could not refresh", { timeout: 20_000 });
    await expect(page.getByTestId("site-row").first()).toBeVisible();
    await shots(page, "sites-429");
    await expectNoSeriousA11y(page);

    await page.getByTestId("site-row").first().getByRole("link").first().click();
    await expect(page).toHaveURL(/\/sites\/\d+$/);
    await expect(page.getByTestId("site-name")).not.toBeEmpty();
    await expect(page.getByTestId("freshness").first()).toContainText(AS_OF);
    await shots(page, "site-429");
    await expectNoSeriousA11y(page);

    await page.goto("/");
    await expect(page.getByTestId("count-sites")).toHaveText(/^[1-9][\d,]*$/);
    await expect(page.getByTestId("freshness")).toContainText(/As of/);
  } finally {
    await clearSimFaults(e2eSim);
  }
});

test("Refresh shows a change made in CHeKT, then that the site was deleted in CHeKT", async ({ page }) => {
  const name = `Mirror ${stamp}`;
  const account = `MX-${stamp}`;
  const seed = { external_site_id: `e2e-mirror-${stamp}`, name, timezone: "Europe/Paris", account_number: account };
  const siteId = await siteShownToOperator(page, seed);
  // Found by account number too (the mirror's search covers name, account, address and IDs).
  await page.goto(`/sites?q=${encodeURIComponent(`mx-${stamp}`)}`);
  await expect(page.getByTestId("site-row")).toHaveCount(1);

  await page.goto(`/sites/${siteId}`);
  await expect(page.getByTestId("site-name")).toHaveText(name);
  await partner(`/sites/${siteId}`, "PUT", { name: `${name} Renamed` });
  await page.reload();
  await expect(page.getByTestId("site-name")).toHaveText(name); // the mirror's copy until refreshed
  const details = page.getByTestId("freshness").first();
  await details.getByRole("button", { name: "Refresh" }).click();
  await expect(page.getByTestId("site-name")).toHaveText(`${name} Renamed`);
  await expect(details).toContainText(/changed in CHeKT/);
  await shots(page, "site-fresh");

  await partner(`/sites/${siteId}`, "DELETE");
  await details.getByRole("button", { name: "Refresh" }).click();
  await expect(page.getByTestId("freshness-gone").first()).toContainText("Deleted in CHeKT");
  await expect(page.getByRole("link", { name: "Edit", exact: true })).toHaveCount(0);
  await shots(page, "site-gone");
  await expectNoSeriousA11y(page);
  // Gone from the list.
  await page.goto(`/sites?q=${encodeURIComponent(name)}`);
  await expect(page.getByTestId("site-row")).toHaveCount(0);
});

test("axe: every page the mirror feeds has no serious or critical violation", async ({ page }) => {
  await signIn(page, "admin", "/sites");
  const site = (await page.getByTestId("site-row").first().getByRole("link").first().getAttribute("href"))!;
  await page.goto("/stations");
  // The first body row's link (the header's links sort the list).
  const station = (await page
    .getByRole("table")
    .locator("tbody tr")
    .first()
    .getByRole("link")
    .first()
    .getAttribute("href"))!;
  // Two of them also get their picture taken while open.
  const pictured: Record<string, string> = { "/": "dashboard", "/dealer": "dealer" };
  for (const path of ["/", "/sites", site, `${site}/edit`, "/sites/new", "/stations", station, "/dealer", "/drift"]) {
    await page.goto(path);
    await expect(page.getByRole("main")).toBeVisible();
    await expectNoSeriousA11y(page);
    if (pictured[path]) await shots(page, pictured[path]);
  }
});
