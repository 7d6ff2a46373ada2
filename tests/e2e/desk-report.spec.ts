// The desk report in a real browser: an operator opens, claims and dispatches a fresh alarm, and
// the report then counts one more dispatch, a first view and the operator's row; every section with rows
// draws its chart beside its table (a phone names every outcome), a range with nothing in it shows one
// empty state instead of empty charts, a bad range is refused with a clear message, the CSV export
// answers with the same range, and the page is axe-clean (laptop + phone screenshots in /tmp/shots/desk-report/).
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./setup";
import { screenshotsTo, VIEWPORTS } from "./setup/page-checks";
import { expectAccessible, openQueue, raise, row } from "./verifications-helpers";

/** ResponsiveContainer redraws after a ResizeObserver tick: waits until every chart fits the new width. */
async function chartsFit(page: Page, _name: string, _label: string, size: { width: number }) {
  await expect
    .poll(() =>
      page.evaluate(
        (width) =>
          [...document.querySelectorAll(".recharts-surface")].every(
            (svg) => svg.getBoundingClientRect().right <= width,
          ),
        size.width,
      ),
    )
    .toBe(true);
}

const shots = screenshotsTo("/tmp/shots/desk-report", { makeDir: true, check: chartsFit });

const cellAfter = (page: Page, table: string, rowName: string) =>
  page
    .getByRole("table", { name: table })
    .getByRole("row")
    .filter({ has: page.getByRole("cell", { name: rowName, exact: true }) })
    .getByRole("cell")
    .nth(1);

// The axe scan may run while the "Dispatched" toast still shows: Sonner's rich colours are darkened to at
// least 5.5:1 in app/globals.css so the toast passes too.
test("the report counts an alarm the operator opened, claimed and dispatched, with charts, tables and CSV", async ({
  page,
}) => {
  // Days long before any seeded or raised alarm: one empty state, no section and no empty chart.
  await signIn(page, "operator", "/verifications/report?from=2000-01-01&to=2000-01-07");
  await expect(page.getByTestId("report-total")).toHaveText("0 verifications arrived in this range.");
  await expect(page.getByRole("heading", { name: "Nothing to report for these days" })).toBeVisible();
  await expect(page.getByTestId("report-chart")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Outcomes" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Export CSV" })).toBeVisible();
  await expectAccessible(page);
  await shots(page, "report-empty");
  await page.setViewportSize({ width: 1366, height: 900 });

  // The default range (the last 7 days), loaded whole so the total read below is this range's.
  await page.goto("/verifications/report");
  const total = Number((await page.getByTestId("report-total").innerText()).match(/^[\d,]+/)![0].replace(/,/g, ""));
  const before = total ? Number(await cellAfter(page, "Outcomes", "Dispatched").innerText()) : 0;

  const raised = await raise({ site_id: 1, trigger: "door-forced", description: "Report test door" });
  const id = raised.verification.verification_id;
  await openQueue(page);
  const mine = row(page, id);
  await expect(mine).toBeVisible({ timeout: 15_000 });
  await mine.click();
  await page.getByTestId("queue-actions").getByRole("button", { name: "Claim" }).click();
  const detail = page.getByRole("dialog").filter({ hasText: "Report test door" });
  await expect(detail).toBeVisible();
  await expect(page.getByLabel("Contact who handled it")).not.toHaveValue("", { timeout: 10_000 });
  await detail.getByRole("button", { name: "Dispatch…" }).click();
  // The outcome picker: an outcome code is required (docs/desk.md).
  const picker = page.getByRole("dialog").filter({ hasText: "Dispatch responders?" });
  await picker.getByRole("radio", { name: "Police dispatched" }).check();
  await picker.getByRole("button", { name: "Dispatch" }).click();
  await expect(page.getByText("Dispatched. CHeKT recorded the answer.")).toBeVisible({ timeout: 15_000 });

  await page.getByRole("link", { name: "Report" }).click();
  await expect(page).toHaveURL(/\/verifications\/report$/);
  await expect(cellAfter(page, "Outcomes", "Dispatched")).toHaveText(String(before + 1));
  const firstView = page
    .getByRole("table", { name: "Handling times" })
    .getByRole("row")
    .filter({ hasText: "First view" })
    .getByRole("cell");
  expect(Number(await firstView.nth(4).innerText())).toBeGreaterThanOrEqual(1); // items that were opened
  expect(await firstView.nth(1).innerText()).toMatch(/ s$|min|h /); // a median time, not "—"
  await expect(
    page.getByRole("table", { name: "By operator" }).getByRole("row").filter({ hasText: "Test operator" }),
  ).toBeVisible();
  const hour = new Date().getUTCHours();
  await expect(
    page
      .getByRole("table", { name: "By hour of day (UTC)" })
      .getByRole("cell", { name: new RegExp(`^${String(hour).padStart(2, "0")}:00`) }),
  ).toBeVisible();

  // The five sections the dispatch fills each draw a chart beside their table; the false-alarm ones do
  // when something in the week was disregarded, and otherwise say so in a line instead of an empty chart.
  for (const id of ["report-outcomes", "report-times", "report-operators", "report-sites", "report-hours"]) {
    await expect(page.getByTestId(id).getByRole("table")).toHaveCount(1);
    await expect(page.getByTestId(id).getByTestId("report-chart")).toHaveCount(1);
  }
  let drawn = 5;
  for (const id of ["report-false-cameras", "report-false-sites"]) {
    const section = page.getByTestId(id);
    if (await section.getByRole("table").count()) {
      await expect(section.getByTestId("report-chart")).toHaveCount(1);
      drawn += 1;
    } else {
      await expect(section).toContainText("No disregarded alarms in this range.");
      await expect(section.getByTestId("report-chart")).toHaveCount(0);
    }
  }
  // Each chart an SVG drawn with bars, each labelled for assistive technology.
  const charts = page.getByTestId("report-chart");
  await expect(charts).toHaveCount(drawn);
  for (const chart of await charts.all()) {
    await expect(chart.locator(".recharts-wrapper > svg.recharts-surface")).toBeVisible();
    expect(await chart.getAttribute("aria-label")).toBeTruthy();
  }
  await expect(page.getByTestId("report-outcomes").locator(".recharts-bar-rectangle").first()).toBeVisible();
  // Every bar and legend swatch carries its series' colour: a colour lost on the way from the server
  // page to the client chart draws them all black.
  const fills = await charts
    .locator(".recharts-bar-rectangle path, .recharts-legend-icon")
    .evaluateAll((els) => els.map((e) => e.getAttribute("fill")));
  expect(fills.length).toBeGreaterThan(0);
  expect(fills.filter((f) => !/^#[0-9a-f]{6}$/i.test(f ?? ""))).toEqual([]);
  expect(new Set(fills).size, "series told apart by colour").toBeGreaterThan(1);
  await expectAccessible(page);
  await shots(page, "report");
  // On a phone the outcomes chart, too narrow for five columns, names every bar.
  await page.setViewportSize(VIEWPORTS.phone);
  await expect
    .poll(() =>
      page
        .getByTestId("report-outcomes")
        .locator(".recharts-cartesian-axis-tick-value")
        .evaluateAll((ticks) => ticks.map((t) => t.textContent)),
    )
    .toEqual(expect.arrayContaining(["Dispatched", "Disregarded", "Expired", "Cancelled", "Still open"]));

  // The CSV takes the page's range and carries the same outcome counts.
  const href = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
  expect(href).toMatch(/^\/api\/verifications\/report\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/csv");
  const lines = (await res.text()).split("\r\n");
  expect(lines[2]).toBe("Outcomes");
  expect(lines[4].split(",")[1]).toBe(String(before + 1));
});

test("a bad range is refused with a clear message, and the CSV route refuses it too", async ({ page }) => {
  await signIn(page, "viewer", "/verifications/report?from=2026-05-10&to=2026-05-01");
  await expect(page.getByText("This range cannot be shown")).toBeVisible();
  await expect(page.getByText('"From" must be on or before "To".')).toBeVisible();
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveCount(0);
  const res = await page.request.get("/api/verifications/report?from=yesterday");
  expect(res.status()).toBe(400);
  expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
    '"From" date "yesterday" is not a date (use YYYY-MM-DD).',
  );
  await expectAccessible(page);
});
