// Shared by the device specs: a fresh site to work in, an accessibility scan, and screenshots at
// laptop and phone size (copied to /tmp/shots/devices/ when that folder exists, for a human look).
import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { partner } from "./setup/partner";
import { refreshSitesView } from "./sites-helpers";

export const stamp = Date.now().toString(36);

/**
 * A site made CHeKT-side (as another CHeKT user would), named `name stamp` so it is unique, then
 * brought into this console's mirror through the sites list's Refresh (pages read the mirror).
 * Needs a signed-in page.
 */
export async function newSite(page: Page, name: string): Promise<{ siteId: number; siteName: string }> {
  const siteName = `${name} ${stamp}`;
  const site = (await partner("/sites", "POST", {
    external_site_id: `e2e-${name.replace(/\W+/g, "-")}-${Date.now()}`,
    name: siteName,
    timezone: "America/New_York",
  })) as { site_id: number };
  await refreshSitesView(page, siteName);
  return { siteId: site.site_id, siteName };
}

/** No serious or critical axe violation inside `selector` (or the page); the message lists them. */
export async function expectAccessible(page: Page, selector?: string) {
  let builder = new AxeBuilder({ page });
  if (selector) builder = builder.include(selector);
  const { violations } = await builder.analyze();
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    bad.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")}`,
    ),
  ).toEqual([]);
}

const SHOTS = "/tmp/shots/devices";

/** Full-page screenshots at laptop (1366×900) and phone (390×844) size. */
export async function shots(page: Page, name: string) {
  const before = page.viewportSize();
  for (const [label, size] of [
    ["laptop", { width: 1366, height: 900 }],
    ["phone", { width: 390, height: 844 }],
  ] as const) {
    await page.setViewportSize(size);
    const file = test.info().outputPath(`devices-${name}-${label}.png`);
    await page.screenshot({ path: file, fullPage: true });
    if (fs.existsSync(SHOTS)) fs.copyFileSync(file, `${SHOTS}/${name}-${label}.png`);
  }
  if (before) await page.setViewportSize(before);
}
