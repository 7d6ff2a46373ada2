// Shared by the device specs: a fresh site to work in, an accessibility scan, and screenshots at
// laptop and phone size (copied to /tmp/shots/devices/ when that folder exists, for a human look).
import { type Page } from "@playwright/test";
import { signIn, type Role } from "./setup";
import { partner } from "./setup/partner";
import { expectNoSeriousA11y, screenshotsTo } from "./setup/page-checks";
import { refreshShownSites, sitesView } from "./sites-helpers";

export const stamp = Date.now().toString(36);

/**
 * A site made CHeKT-side (as another CHeKT user would), named `name stamp` so it is unique, then
 * brought into this console's mirror through the sites list's Refresh (pages read the mirror), by
 * `role`: signed in straight onto that list, so no other page renders first.
 */
export async function newSite(page: Page, name: string, role: Role): Promise<{ siteId: number; siteName: string }> {
  const siteName = `${name} ${stamp}`;
  const site = (await partner("/sites", "POST", {
    external_site_id: `e2e-${name.replace(/\W+/g, "-")}-${Date.now()}`,
    name: siteName,
    timezone: "America/New_York",
  })) as { site_id: number };
  await signIn(page, role, sitesView(siteName));
  await refreshShownSites(page);
  return { siteId: site.site_id, siteName };
}

/** Pages read the mirror: devices made CHeKT-side by the spec show after the page's Refresh. */
export async function refreshDevices(page: Page, siteId: number) {
  await page.goto(`/sites/${siteId}/devices`);
  await page.getByTestId("freshness").getByRole("button", { name: "Refresh" }).click();
}

/** Pastes `text` on the site's paste page and goes on through the column matching to the review. */
export async function pasteToReview(page: Page, siteId: number, text: string) {
  await page.goto(`/sites/${siteId}/devices/paste`);
  await page.getByRole("textbox", { name: "Device list" }).fill(text);
  await page.getByRole("button", { name: "Next: match columns" }).click();
  await page.getByRole("button", { name: "Next: review rows" }).click();
}

/** No serious or critical axe violation inside `selector` (or the page); the message lists them. */
export const expectAccessible = expectNoSeriousA11y;

/** Full-page screenshots at laptop (1366×900) and phone (390×844) size. */
export const shots = screenshotsTo("/tmp/shots/devices", { prefix: "devices-" });
