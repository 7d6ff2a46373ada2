// Every page of the console that is not a list (lists-phone.spec.ts tours those), signed in as an
// admin, at laptop and phone size: the page shows its heading and no error page, a phone never
// scrolls it sideways, axe finds nothing serious, and no script error escapes. Full-page screenshots
// under /tmp/shots/tour when that folder exists, for a person to look at every page.
// One test per page, so one broken page does not hide the others; pages with an id reach it the way
// a user does, from the first row of its list; the two job pages run a one-row job of their own.
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./setup";
import { sql as query } from "./setup/db";
import { screenshotsTo, sticksOut, VIEWPORTS } from "./setup/page-checks";
import { newSite, pasteToReview, stamp } from "./devices-helpers";
import { expectAccessible } from "./verifications-helpers";

const SHOTS = "/tmp/shots/tour";
// The console's own error page, its 404 and Next's last-resort text for a crashed client.
const BROKEN = /Something went wrong|Application error|This page could not be shown|Page not found/;

const shots = screenshotsTo(SHOTS);

/** Heading shown and the client-side parts loaded ("Loading the budget…"), so the screenshot shows the page. */
async function settled(page: Page) {
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  await expect(page.getByText(/^Loading\b.*…$/)).toHaveCount(0, { timeout: 30_000 });
}

/** What a user must see at each size; after the screenshots, so a page that fails still has them to look at. */
async function looksRight(page: Page, name: string) {
  for (const [label, size] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(size);
    await expect(page.getByRole("heading", { level: 1 }).first(), `${name} at ${label}: its heading`).toBeVisible();
    await expect(page.getByText(BROKEN), `${name} at ${label}: an error page`).toHaveCount(0);
    if (label === "phone") expect.soft(await sticksOut(page, size.width), `${name} on a phone`).toBe("");
    // Soft, like the width: the other size still gets its look when one fails.
    const axe = await expectAccessible(page).then(
      () => "",
      (e: Error) => e.message,
    );
    expect.soft(axe, `${name} at ${label}: axe`).toBe("");
  }
}

/** Signed in as an admin on `path` itself (not sent elsewhere: a redirect would tour the wrong page). */
const at = (path: string) => async (page: Page) => {
  await signIn(page, "admin", path);
  expect(new URL(page.url()).pathname, `${path} sent the admin elsewhere`).toBe(path);
};

/** The first site of the sites list, opened through its row's link: the site page's path. */
// A seeded site with contacts that no spec changes: the first row of the list depends on what ran before
// (devices-paste adds a site without contacts that sorts first).
async function seededSite(page: Page): Promise<string> {
  await signIn(page, "admin", "/sites?q=Camden%20Office%20Suites");
  await page.getByRole("link", { name: "Camden Office Suites", exact: true }).first().click();
  await page.waitForURL(/\/sites\/\d+$/);
  return new URL(page.url()).pathname;
}
const ofSeededSite = (tail: string) => async (page: Page) => {
  const site = await seededSite(page);
  await page.goto(`${site}${tail}`);
};

/** Waits for the job page's progress to reach 100%, so the screenshot shows the finished job. */
async function jobDone(page: Page, url: RegExp) {
  await page.waitForURL(url, { timeout: 30_000 });
  // A job goes through CHeKT's free tier (60 calls a minute), shared with whatever ran before.
  await expect(page.getByTestId("job-pct")).toHaveText("100%", { timeout: 120_000 });
}

const PAGES: ReadonlyArray<readonly [name: string, open: (page: Page) => Promise<void>]> = [
  ["dashboard", at("/")],
  ["account", at("/account")],
  ["dealer", at("/dealer")],
  ["drift", at("/drift")],
  ["settings", at("/settings")],
  ["settings-app-devices", at("/settings/app-devices")],
  ["fleet-settings", at("/fleet/settings")],
  ["fleet-alerts", at("/fleet/alerts")],
  ["verifications-desk", at("/verifications")],
  ["verifications-settings", at("/verifications/settings")],
  ["verifications-report", at("/verifications/report")],
  ["site-new", at("/sites/new")],
  ["site-import", at("/sites/import")],
  ["station-new", at("/stations/new")],
  ["site", (page) => seededSite(page).then(() => undefined)],
  ["site-edit", ofSeededSite("/edit")],
  ["site-arming", ofSeededSite("/arming")],
  ["site-contact-new", ofSeededSite("/contacts/new")],
  [
    "site-contact-edit",
    async (page) => {
      await seededSite(page);
      await page.locator('main a[href*="/contacts/"][href$="/edit"]').first().click();
      await page.waitForURL(/\/contacts\/\d+\/edit$/);
    },
  ],
  ["site-device-new", ofSeededSite("/devices/new")],
  ["site-devices-paste", ofSeededSite("/devices/paste")],
  [
    "station",
    async (page) => {
      await signIn(page, "admin", "/stations");
      await page.locator('main tbody a[href^="/stations/"]').first().click();
      await page.waitForURL(/\/stations\/\d+$/);
    },
  ],
  [
    "site-import-job",
    async (page) => {
      await signIn(page, "admin", "/sites/import");
      await page
        .getByRole("textbox", { name: "Site sheet" })
        // Not "Tour <stamp>": site-device-job's own site is named that, and its sites-list search must find one row.
        .fill(`Site ID,Name,Time zone\ntour-import-${stamp},Tour import ${stamp},UTC`);
      await page.getByRole("button", { name: "Next: match columns" }).click();
      await page.getByRole("button", { name: "Next: review rows" }).click();
      await page.getByRole("button", { name: /Import \d+ sites?/ }).click();
      await jobDone(page, /\/sites\/import\/jobs\/[\w-]+$/);
    },
  ],
  [
    "site-device-job",
    async (page) => {
      // On a site of its own: a device more on a seeded site would change what other specs count.
      const { siteId } = await newSite(page, "Tour", "admin");
      await pasteToReview(
        page,
        siteId,
        `External ID\tType\tName\tZone\tMAC Address\tModel\ntour-${stamp}\tcamera\tTour camera\t1\t` +
          `aa-bb-cc-7e-00-01\tCK-1`,
      );
      await page.getByRole("button", { name: /Provision \d+ devices?/ }).click();
      await jobDone(page, new RegExp(`/sites/${siteId}/devices/jobs/[^/]+$`));
    },
  ],
  // Last of the admin's pages: opening it starts a set-up (a pending secret), which the account page shows.
  // From Account's link: signIn() takes any /sign-in page it lands on for a lost session.
  [
    "two-factor-setup",
    async (page) => {
      await at("/account")(page);
      await page.getByRole("link", { name: "Set up two-factor sign-in" }).click();
      await page.waitForURL(/\/sign-in\/two-factor/);
    },
  ],
];

test.beforeAll(async () => {
  // The site and station pages read the mirror: wait for the app's first sweep of dealer 1.
  await expect
    .poll(
      async () =>
        (
          await query<{ f: Date | null }>(
            `SELECT s.finished_at AS f FROM mirror_syncs s JOIN dealer_links l ON l.id = s.dealer_link_id
              WHERE l.chekt_dealer_id = 1`,
          )
        )[0]?.f ?? null,
      { timeout: 120_000, intervals: [1000], message: "the app's mirror sweep of dealer 1 never finished" },
    )
    .not.toBeNull();
});

for (const [name, open] of PAGES) {
  test(`pages-tour: ${name}`, async ({ page }) => {
    test.setTimeout(240_000);
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await open(page);
    await settled(page);
    await shots(page, name);
    await looksRight(page, name);
    expect(errors, `${name}: script errors in the browser`).toEqual([]);
  });
}

test("pages-tour: sign-in", async ({ page }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  // Signed out: signed in, the page sends the user on to the console.
  await page.goto("/sign-in");
  await settled(page);
  await shots(page, "sign-in");
  await looksRight(page, "sign-in");
  expect(errors, "sign-in: script errors in the browser").toEqual([]);
});
