// The drift check in the browser: the seeded dealer starts in sync; an object created on CHeKT
// behind the console's back shows as "not mapped here" and can be linked.
import { expect, test } from "@playwright/test";
import { signIn, simUrl } from "./setup";
import { partnerToken } from "./setup/partner";
import { runId, shot } from "./admin-helpers";

test("as an admin: run the check, link an object CHeKT has and we do not", async ({ page }) => {
  // Create a monitoring station directly on CHeKT (as another tool would).
  const token = await partnerToken();
  const external = `drift-ms-${runId}`;
  const created = await fetch(`${simUrl()}/partner/v1/dealers/1/monitoring-stations`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ external_monitoring_station_id: external, name: "Made outside the console" }),
  });
  expect(created.status).toBe(201);

  await signIn(page, "admin", "/stations");
  // The check compares with the mirror: the sweep would notice the new station within its interval;
  // the stations list's Refresh brings it in now.
  await page.getByTestId("freshness").getByRole("button", { name: "Refresh" }).click();
  await expect(page.getByRole("link", { name: "Made outside the console" }).first()).toBeVisible();
  await page.goto("/drift");
  await page.getByRole("button", { name: "Run drift check" }).click();
  const issues = page.getByTestId("drift-issues");
  const item = issues.locator("li", { hasText: external });
  await expect(item).toBeVisible({ timeout: 60_000 });
  await expect(item).toContainText("Not mapped here");
  await shot(page, "drift");
  await item.getByRole("button", { name: "Link" }).click();
  await expect(page.getByText("Mapping created")).toBeVisible();
  await expect(issues.locator("li", { hasText: external })).toHaveCount(0, { timeout: 60_000 });

  await page.goto(`/audit?action=drift.link&object=${external}`);
  await expect(page.getByTestId("audit-table").locator(":scope > tbody > tr")).toHaveCount(1);
});
