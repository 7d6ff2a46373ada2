// Shared by the sites specs: the test's own Partner API calls (to arrange state CHeKT-side, the way
// another CHeKT user would) and a roomier rate limit while these specs run.
import { expect, type Page } from "@playwright/test";
import { signIn, e2eSim } from "./setup";
import { setSimRateLimit, simConfig } from "../support/sim-control";
import { partner } from "./setup/partner";

export { partner };

export const stamp = Date.now().toString(36);

// The specs after these get back the limit they had (CHeKT's free tier when roomyRateLimit never ran).
let restoreRateLimit = async () => {
  await simConfig(e2eSim, { rateLimitPerMin: 60, rateLimitBurstPerS: 5 });
};
export async function roomyRateLimit() {
  restoreRateLimit = await setSimRateLimit(e2eSim, { rateLimitPerMin: 1200, rateLimitBurstPerS: 50 });
}
export async function defaultRateLimit() {
  await restoreRateLimit();
}

/** The toast that confirms a change. */
export async function expectToast(page: Page, text: string | RegExp) {
  await expect(page.locator("[data-sonner-toast]").filter({ hasText: text }).first()).toBeVisible();
}

/** The sites list filtered to the sites whose name has `name` in it. */
export const sitesView = (name: string) => `/sites?q=${encodeURIComponent(name)}`;

/**
 * Pages read this console's mirror of CHeKT, so an object the spec made CHeKT-side (as another
 * CHeKT user would) shows once it is refreshed: the sites list filtered to it, then its Refresh,
 * which re-reads that view from CHeKT. Leaves the page on the list with the one row.
 */
export async function refreshSitesView(page: Page, name: string) {
  await page.goto(sitesView(name));
  await refreshShownSites(page);
}

/** The Refresh of the filtered sites list `page` is on (e.g. where signIn() opened it); then one row shows. */
export async function refreshShownSites(page: Page) {
  await page.getByTestId("freshness").getByRole("button", { name: "Refresh" }).click();
  await expect(page.getByTestId("site-row")).toHaveCount(1);
}

/** A site made CHeKT-side, then an operator signed in and shown it on the refreshed sites list: its CHeKT id. */
export async function siteShownToOperator(
  page: Page,
  site: { external_site_id: string; name: string; timezone: string; account_number?: string },
) {
  const { site_id } = await partner<{ site_id: number }>("/sites", "POST", site);
  await signIn(page, "operator", sitesView(site.name));
  await refreshShownSites(page);
  return site_id;
}

/** The same for the stations list `page` is on (its Refresh re-reads every station of the dealer). */
export async function refreshStations(page: Page) {
  const refresh = page.getByTestId("freshness").getByRole("button", { name: "Refresh" });
  await refresh.click();
  await expect(refresh).toHaveText("Refresh");
}
