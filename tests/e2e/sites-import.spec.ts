// Site import in a real browser: paste a sheet with sites and contacts, match columns, see every
// bad row explained before anything is sent, fix them in the grid, import, watch the job finish
// with per-row results. Then the sheet-level refusals: a non-UTF-8 file, a header-only sheet, and
// a viewer. Screenshots at laptop and phone size go to /tmp/shots/import/ for a human look.
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./setup";
import { fitsTheWidth, screenshotsTo, VIEWPORTS } from "./setup/page-checks";
import { partner } from "./setup/partner";
import { expectAccessible, stamp } from "./devices-helpers";

const SHOTS = "/tmp/shots/import";

const shots = screenshotsTo(SHOTS, { prefix: "import-" });

const id = (x: string) => `imp-${x}-${stamp}`;
const SHEET = [
  "Site ID,Name,Time zone,Monitoring station,Contact 1 name," +
    "Contact 1 phone,Contact 1 email,Contact 2 name,Contact 2 phone",
  `,Import A ${stamp},New York,,Ann Lee,212 555 0143,ann@example.com,Bo Park,415 555 0101`,
  `${id("b")},Import B ${stamp},Mars/Base,,Cy Diaz,(212) 555-0144,,,`,
  `${id("c")},Import C ${stamp},UTC,Nowhere Station,Dee Ray,12,,,`,
  `${id("b")},Import D ${stamp},Seoul,,Eve Kim,+82 2 312 3456,,,`,
].join("\n");

test("sites-import: paste sites with contacts, fix the bad rows in review, import, watch the job", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, "operator", "/sites");
  await page.getByRole("link", { name: "Import sites" }).click();
  await expect(page.getByRole("heading", { name: "Import sites" })).toBeVisible();
  await expectAccessible(page);
  await shots(page, "sheet");

  await page.getByRole("textbox", { name: "Site sheet" }).fill(SHEET);
  await page.getByRole("button", { name: "Next: match columns" }).click();
  await expect(page.getByLabel("First row is a header")).toBeChecked();
  await expect(page.getByLabel('Column "Contact 1 phone"')).toHaveValue("contact1_phone");
  await expect(page.getByLabel('Column "Monitoring station"')).toHaveValue("station");
  await page.getByRole("button", { name: "Next: review rows" }).click();

  // Every problem is on its cell before anything is sent.
  await expect(page.getByTestId("invalid-count")).toHaveText(/3 with errors/);
  const importButton = page.getByRole("button", { name: /Import \d+ sites?/ });
  await expect(importButton).toBeDisabled();
  await expect(page.getByLabel("Sheet line 2 Site ID (yours)")).toHaveAttribute(
    "placeholder",
    /^SITE-\d{5} \(generated\)$/,
  );
  await expect(page.getByLabel("Sheet line 3 Time zone")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("paste-row-3")).toContainText(
    'Time zone "Mars/Base" is neither a zone nor a city we know',
  );
  await expect(page.getByTestId("paste-row-4")).toContainText('No monitoring station is named "Nowhere Station"');
  await expect(page.getByTestId("paste-row-4")).toContainText("Contact 1: Phone is not a phone number we can dial");
  await expect(page.getByTestId("paste-row-5")).toContainText(`Site ID (yours) "${id("b")}" is also on sheet line 3`);
  await expectAccessible(page);
  await shots(page, "review-errors");

  // Fix each in place: a city name, no station, a real number, a free ID.
  await page.getByLabel("Sheet line 3 Time zone").fill("Chicago");
  await page.getByLabel("Sheet line 4 Monitoring station").fill("");
  await page.getByLabel("Sheet line 4 Contact 1 phone").fill("212 555 0199");
  await page.getByLabel("Sheet line 5 Site ID (yours)").fill(id("d"));
  await expect(page.getByTestId("invalid-count")).toHaveText(/0 with errors/);
  await expect(importButton).toBeEnabled();
  await importButton.click();

  await page.waitForURL(/\/sites\/import\/jobs\/[\w-]+$/);
  // The heading says what the job is; its badge says whether it still runs.
  await expect(page.getByRole("heading", { level: 1, name: "Site import" })).toBeVisible();
  // 4 sites + 5 contacts through the free tier's 60 a minute.
  await expect(page.getByTestId("job-pct")).toHaveText("100%", { timeout: 120_000 });
  await expect(page.getByTestId("job-succeeded")).toHaveText("4");
  await expect(page.getByTestId("job-failed")).toHaveText("0");
  const items = page.getByTestId("job-items");
  await expect(items.getByTestId("item-2")).toContainText(/SITE-\d{5}/);
  await expect(items.getByTestId("item-2")).toContainText(`Import A ${stamp}`);
  await expect(items.getByTestId("item-5")).toContainText(id("d"));
  await expect(items.getByTestId("item-3")).toContainText("Succeeded");
  await expect(page.getByTestId("job-view").getByText("Done", { exact: true })).toBeVisible();
  // The CHeKT site number opens the site it made.
  const made = items.getByTestId("item-2").getByRole("link", { name: /^\d+$/ });
  await expect(made).toHaveAttribute("href", `/sites/${(await made.textContent())?.trim()}`);
  await expectAccessible(page);
  await shots(page, "job");

  // The sites are in the list at once (write-through), with their contacts on the site page.
  await page.goto(`/sites?q=${encodeURIComponent(`Import B ${stamp}`)}`);
  await page
    .getByRole("link", { name: `Import B ${stamp}` })
    .first()
    .click();
  // The contacts show as a table on a laptop and as cards on a phone: the visible one counts.
  await expect(page.locator("text=Cy Diaz >> visible=true").first()).toBeVisible();
});

/** At phone width: no sideways scroll, and every control in `selector` at least 24 px tall. */
async function phoneFits(page: Page, selector: string) {
  await fitsTheWidth(page, selector, "phone", VIEWPORTS.phone);
  const small = await page.evaluate(
    (sel) =>
      [...document.querySelectorAll(`${sel} :is(a, button, select, input)`)]
        .filter((el) => (el as HTMLElement).offsetParent !== null)
        .map((el) => ({ what: el.getAttribute("aria-label") ?? el.textContent, h: el.getBoundingClientRect().height }))
        .filter((t) => t.h < 24),
    selector,
  );
  expect(small).toEqual([]);
}

/** The problem line of a review row is on screen and on top (not covered by the next row). */
async function problemLineShows(page: Page, line: number, text: string) {
  const cell = page.locator(`#review-problems-${line}`);
  await expect(cell).toContainText(text);
  await cell.scrollIntoViewIfNeeded();
  const box = await cell.locator("li").first().boundingBox();
  expect(box && box.height > 0 && box.width > 0).toBe(true);
  const hit = await page.evaluate(({ x, y, id }) => !!document.elementFromPoint(x, y)?.closest(`#${id}`), {
    x: box!.x + Math.min(20, box!.width / 2),
    y: box!.y + box!.height / 2,
    id: `review-problems-${line}`,
  });
  expect(hit, `sheet line ${line}'s problem line is covered`).toBe(true);
}

test(
  "sites-import: on a phone the review shows every problem line; " +
    "the job page is cards, a failed row is fixed and retried there",
  async ({ page }) => {
    test.setTimeout(240_000);
    await page.setViewportSize(VIEWPORTS.phone);
    // A site CHeKT has that the console's mirror does not know yet: the import's create is refused.
    const taken = id("taken");
    await partner("/sites", "POST", { external_site_id: taken, name: `Taken ${stamp}`, timezone: "UTC" });
    await signIn(page, "operator", "/sites/import");
    const sheet = [
      "Site ID,Name,Time zone,Contact 1 name,Contact 1 phone",
      `${taken},Phone A ${stamp},UTC,Bo Park,212 555 0144`,
      `${id("p1")},Phone B ${stamp},Mars/Base,Ann Lee,212 555 0143`,
      `${id("p3")},Phone C ${stamp},UTC,Cy Diaz,12`,
    ].join("\n");
    await page.getByRole("textbox", { name: "Site sheet" }).fill(sheet);
    await page.getByRole("button", { name: "Next: match columns" }).click();
    await page.getByRole("button", { name: "Next: review rows" }).click();
    await expect(page.getByTestId("invalid-count")).toHaveText(/2 with errors/);
    const zone = 'Time zone "Mars/Base" is neither a zone nor a city we know';
    const phone = "Contact 1: Phone is not a phone number we can dial";
    // Each problem line, under its row on a phone, is on screen and not covered by the next row …
    await problemLineShows(page, 3, zone);
    await problemLineShows(page, 4, phone);
    // … also when the bad rows alone are shown, where sheet line 3 becomes the grid's first row.
    await page.getByLabel("Show only rows with errors").check();
    await expect(page.getByTestId("paste-row-2")).toHaveCount(0);
    await problemLineShows(page, 3, zone);
    await problemLineShows(page, 4, phone);
    await expectAccessible(page);
    await shots(page, "phone-review");
    await page.setViewportSize(VIEWPORTS.phone);
    await problemLineShows(page, 3, zone);
    await page.getByLabel("Show only rows with errors").uncheck();
    await page.getByLabel("Sheet line 3 Time zone").fill("Denver");
    await page.getByLabel("Sheet line 4 Contact 1 phone").fill("212 555 0145");
    await expect(page.getByTestId("invalid-count")).toHaveText(/0 with errors/);
    await page.getByRole("button", { name: /Import 3 sites/ }).click();

    await page.waitForURL(/\/sites\/import\/jobs\/[\w-]+$/);
    await expect(page.getByTestId("job-pct")).toHaveText("100%", { timeout: 120_000 });
    await expect(page.getByTestId("job-failed")).toHaveText("1");
    const failedRow = page.getByTestId("failed-row-2");
    await expect(failedRow).toContainText("Site not created");
    // Rows are cards (one DOM, restyled), the page does not scroll sideways, targets are 24 px.
    for (const row of [failedRow, page.getByTestId("job-items").getByTestId("item-3")])
      expect(await row.evaluate((tr) => getComputedStyle(tr).display)).toBe("flex");
    await phoneFits(page, '[data-testid="job-view"]');
    await expectAccessible(page);
    await shots(page, "phone-job-failed");
    await page.setViewportSize(VIEWPORTS.phone);

    // Fixed and retried from the phone: a free ID, the row ticked, Retry.
    const firstJob = page.url();
    await page.getByLabel("Failed sheet line 2 Site ID (yours)").fill(id("p2"));
    await page.getByLabel("Select failed sheet line 2").check();
    await page.getByRole("button", { name: "Retry 1 selected" }).click();
    await page.waitForURL((u) => u.href !== firstJob && /\/sites\/import\/jobs\/[\w-]+$/.test(u.pathname));
    await expect(page.getByTestId("job-pct")).toHaveText("100%", { timeout: 120_000 });
    await expect(page.getByTestId("job-succeeded")).toHaveText("1");
    await expect(page.getByTestId("job-items").getByTestId("item-2")).toContainText(id("p2"));
    await phoneFits(page, '[data-testid="job-view"]');
    await expectAccessible(page);
    await shots(page, "phone-job-retried");
  },
);

test(
  "sites-import: a non-UTF-8 file and a header-only sheet are " + "refused before review; viewers cannot open it",
  async ({ page, browser }) => {
    await signIn(page, "operator", "/sites/import");
    // "Café" saved as Windows-1252: é is the single byte 0xE9.
    const latin1 = Buffer.from([...Buffer.from("Name,Time zone\nCaf"), 0xe9, ...Buffer.from(",UTC\n")]);
    await page
      .getByLabel("Upload a CSV or TSV file")
      .setInputFiles({ name: "sites-latin1.csv", mimeType: "text/csv", buffer: latin1 });
    await expect(page.getByRole("alert").filter({ hasText: "sites-latin1.csv" })).toContainText(
      "sites-latin1.csv is not UTF-8 text",
    );
    await expect(page.getByRole("heading", { name: "Match columns" })).toHaveCount(0);

    await page.getByRole("textbox", { name: "Site sheet" }).fill("Site ID,Name,Time zone,Contact 1 phone\n");
    await page.getByRole("button", { name: "Next: match columns" }).click();
    await expect(page.getByText("The sheet has only a header row")).toBeVisible();
    await expect(page.getByRole("button", { name: "Next: review rows" })).toBeDisabled();

    const viewer = await browser.newPage();
    await signIn(viewer, "viewer");
    const res = await viewer.goto("/sites/import");
    expect(res?.status()).toBe(403);
    await viewer.goto("/sites");
    await expect(viewer.getByRole("link", { name: "Import sites" })).toHaveCount(0);
    await viewer.close();
  },
);
