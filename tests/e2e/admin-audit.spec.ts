// Audit history: filters in the URL, server-side paging, the diff viewer and the CSV export.
import { expect, test } from "@playwright/test";
import { signIn } from "./setup";
import { shot } from "./admin-helpers";

test("as an admin: filter by action and outcome, open a diff, export the same rows as CSV", async ({ page }) => {
  await signIn(page, "admin", "/audit");
  await expect(page.getByTestId("audit-table")).toBeVisible();
  await page.getByLabel("Action").fill("users.seed");
  await page.getByLabel("Outcome").selectOption("success");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/action=users\.seed/);
  await expect(page).toHaveURL(/outcome=success/);
  const rows = page.getByTestId("audit-table").locator(":scope > tbody > tr");
  await expect(rows.first()).toContainText("users.seed");
  const shown = await rows.count();
  await rows.first().getByText("Before / after").click();
  await expect(rows.first().getByTestId("diff")).toContainText("role");
  // Only the side that differs is marked: a seeded user's fields are new, green under After only.
  const added = rows.first().getByTestId("diff").locator('tr[data-change="added"]').first();
  await expect(added.locator("td").nth(2)).toHaveClass(/bg-emerald-50/);
  await expect(added.locator("td").nth(1)).not.toHaveClass(/bg-red-50/);
  await shot(page, "audit");

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export CSV" }).click(),
  ]);
  const csv = await (await download.createReadStream()).toArray();
  const lines = Buffer.concat(csv).toString("utf8").trimEnd().split("\r\n");
  expect(lines[0]).toMatch(/^id,at,user_email/);
  expect(lines.slice(1)).toHaveLength(shown);
  // The action filter matches from the start of the name (users.seed and users.seed_owner alike).
  for (const l of lines.slice(1)) expect(l.split(",")[4]).toMatch(/^users\.seed/);

  // Clearing empties the fields too, so the next "Apply filters" sends no old filter.
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page.getByLabel("Action")).toHaveValue("");
  await expect(page.getByLabel("Outcome")).toHaveValue("");
});

test("as an admin: a bad date is named and ignored", async ({ page }) => {
  await signIn(page, "admin", "/audit?from=someday");
  await expect(page.getByText('"From" date "someday" is not a date (use YYYY-MM-DD).')).toBeVisible();
  await expect(page.getByTestId("audit-table")).toBeVisible();
});
