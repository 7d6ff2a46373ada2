// The dealer's bulk jobs (/jobs) in a real browser: a device job and a site import started here, the
// dashboard's "Bulk jobs in progress" opening the list filtered to in-progress jobs, both jobs listed
// (the device job by its site's name, the import as "Site import"), filters, each row opening its
// job's own page, a bad URL value named under "Some filters were ignored", and the list as cards at
// phone size. Screenshots at laptop and phone size go to /tmp/shots/jobs/ for a human look.
import { expect, test, type Page } from "@playwright/test";
import { fitsTheWidth, screenshotsTo, VIEWPORTS } from "./setup/page-checks";
import { expectAccessible, newSite, stamp } from "./devices-helpers";
import { signIn } from "./setup";

/** At phone size the rows are cards (flex columns), their targets at least 24 px, nothing wider than the screen. */
async function phoneCards(page: Page, name: string, label: string) {
  await expectAccessible(page);
  if (label !== "phone") return;
  await fitsTheWidth(page, name, label, VIEWPORTS.phone);
  const rows = await page.getByTestId("job-row").evaluateAll((trs) =>
    trs.map((tr) => ({
      display: getComputedStyle(tr).display,
      small: [...tr.querySelectorAll("a, button")].filter((el) => el.getBoundingClientRect().height < 24).length,
    })),
  );
  expect(rows.length).toBeGreaterThan(0);
  for (const r of rows) expect(r).toEqual({ display: "flex", small: 0 });
}

const shots = screenshotsTo("/tmp/shots/jobs", { prefix: "jobs-", makeDir: true, check: phoneCards });
/** A list with no row: no card to hold to its rules, only the page to the screen's width. */
const emptyShots = screenshotsTo("/tmp/shots/jobs", { prefix: "jobs-", makeDir: true, check: fitsTheWidth });

const jobIdOf = (url: string) => url.slice(url.lastIndexOf("/") + 1);

test("jobs-list: a dealer's device jobs and site imports, from the dashboard, filtered, each opening its page", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const { siteId, siteName } = await newSite(page, "Jobs list", "operator");

  // A device job: one device through the add form.
  await page.goto(`/sites/${siteId}/devices/new`);
  await page.getByRole("textbox", { name: "Device ID (yours)", exact: true }).fill(`jl-${stamp}`);
  await page.getByRole("combobox", { name: "Type", exact: true }).selectOption("camera");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Gate camera");
  await page.getByRole("button", { name: "Add device" }).click();
  await expect(page).toHaveURL(new RegExp(`/sites/${siteId}/devices/jobs/[^/]+$`), { timeout: 30_000 });
  const deviceJob = jobIdOf(page.url());

  // A site import of one site.
  await page.goto("/sites/import");
  await page.getByRole("textbox", { name: "Site sheet" }).fill(`Name,Time zone\nJobs import ${stamp},UTC`);
  await page.getByRole("button", { name: "Next: match columns" }).click();
  await page.getByRole("button", { name: "Next: review rows" }).click();
  await page.getByRole("button", { name: "Import 1 site" }).click();
  await page.waitForURL(/\/sites\/import\/jobs\/[\w-]+$/);
  const importJob = jobIdOf(page.url());

  // The dashboard's stat opens the list filtered to exactly what it counts.
  await page.goto("/");
  await page.getByRole("link", { name: /Bulk jobs in progress/ }).click();
  await expect(page).toHaveURL(/\/jobs\?state=active$/);
  await expect(page.getByRole("heading", { level: 1, name: "Bulk jobs" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "State" })).toHaveValue("active");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Bulk jobs" })).toHaveAttribute(
    "aria-current",
    "page",
  );

  // All jobs: the device job by its site's name, the import as a site import.
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/jobs$/);
  const deviceRow = page.locator(`[data-job-id="${deviceJob}"]`);
  const importRow = page.locator(`[data-job-id="${importJob}"]`);
  await expect(deviceRow).toContainText(siteName);
  await expect(deviceRow).toContainText("Provision");
  await expect(importRow).toContainText("Site import");
  await expect(importRow).toContainText("Import");
  // The device job's site opens the site; an import made many sites, so its "Site import" is no link.
  await expect(deviceRow.getByRole("link", { name: siteName })).toHaveAttribute("href", `/sites/${siteId}`);
  await expect(importRow.getByRole("link", { name: "Site import" })).toHaveCount(0);
  await expectAccessible(page);
  await shots(page, "all");

  // Site imports only: the import stays, the device job goes.
  await page.getByRole("combobox", { name: "Type" }).selectOption("sites");
  await page.getByRole("button", { name: "Apply filters" }).click();
  // The form sends every field (empty ones too); only the type is set.
  await expect(page).toHaveURL((u) => u.pathname === "/jobs" && u.searchParams.get("entity") === "sites");
  await expect(page.getByRole("combobox", { name: "State" })).toHaveValue("");
  await expect(importRow).toBeVisible();
  await expect(deviceRow).toHaveCount(0);
  await importRow.getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`/sites/import/jobs/${importJob}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Site import" })).toBeVisible();

  // Device jobs that provisioned: the device job opens under its site.
  await page.goto("/jobs?entity=devices&kind=create");
  await expect(page.getByRole("combobox", { name: "Kind" })).toHaveValue("create");
  await expect(importRow).toHaveCount(0);
  await deviceRow.getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`/sites/${siteId}/devices/jobs/${deviceJob}$`));
  await expect(page.getByTestId("job-pct")).toHaveText("100%", { timeout: 30_000 });

  // A value the list cannot read is named, and the list shows every job instead.
  await page.goto("/jobs?state=stuck&per=7");
  const ignored = page.getByRole("alert").filter({ hasText: "Some filters were ignored" });
  await expect(ignored).toContainText('State "stuck" is not one of active, queued, running, done, failed, cancelled.');
  await expect(ignored).toContainText('Rows "7" is not one of 25, 50, 100.');
  await expect(page.getByRole("combobox", { name: "State" })).toHaveValue("");
  await expect(deviceRow).toBeVisible();
  await expectAccessible(page);
  await shots(page, "ignored");

  // A site's own jobs page reads the same way and links the same job.
  await page.goto(`/sites/${siteId}/devices/jobs?kind=create`);
  await expect(deviceRow).toBeVisible();
  await expectAccessible(page);
});

test("jobs-list: a site with no job yet offers an operator its paste page, and a viewer nothing to start", async ({
  page,
  browser,
}) => {
  const { siteId } = await newSite(page, "No jobs", "operator");
  await page.goto(`/sites/${siteId}/devices/jobs`);
  await expect(page.getByRole("heading", { name: "No jobs yet" })).toBeVisible();
  const paste = page.getByRole("link", { name: "Paste devices" });
  await expect(paste).toHaveAttribute("href", `/sites/${siteId}/devices/paste`);
  await expectAccessible(page);
  await emptyShots(page, "site-none");
  await paste.click();
  await expect(page).toHaveURL(new RegExp(`/sites/${siteId}/devices/paste$`));

  const viewer = await browser.newPage();
  await signIn(viewer, "viewer", `/sites/${siteId}/devices/jobs`);
  await expect(viewer.getByRole("heading", { name: "No jobs yet" })).toBeVisible();
  await expect(viewer.getByRole("link", { name: "Paste devices" })).toHaveCount(0);
  await viewer.close();
});
