// What was only a tooltip on two lists is text a keyboard or touch user reaches: the fleet table's exact "last
// seen" instant (it was the title of "2 h ago") and the device grid's "how to edit" hint (the title of every
// editable cell). Rows come from the mirror the e2e stack's first sweep fills; the one device's last report is
// moved back in SQL and put back after. axe on both pages; laptop (1280x800) and phone screenshots under
// /tmp/shots/r25-lists.
import { expect, test } from "@playwright/test";
import { sweptAndIdle } from "./mirror-helpers";
import { signIn } from "./setup";
import { sql } from "./setup/db";
import { expectNoSeriousA11y, fitsTheWidth, screenshotsTo, SMALL_LAPTOP_AND_PHONE } from "./setup/page-checks";

const shots = screenshotsTo("/tmp/shots/r25-lists", {
  makeDir: true,
  sizes: SMALL_LAPTOP_AND_PHONE,
  check: fitsTheWidth,
});

/** A device of the seeded dealer (CHeKT dealer 1) as the mirror has it. */
type Device = { dealer_link_id: string; chekt_id: number; site_id: number; last_seen_at: Date | null };
let device: Device;

test.beforeAll(async () => {
  await sweptAndIdle();
  [device] = (await sql<Device>(
    `SELECT d.dealer_link_id, d.chekt_id, d.site_id, d.last_seen_at FROM mirror_devices d
       JOIN dealer_links l ON l.id = d.dealer_link_id
      WHERE l.chekt_dealer_id = 1 AND d.gone_at IS NULL ORDER BY d.site_id, d.chekt_id LIMIT 1`,
  )) as [Device];
  await sql(
    `UPDATE mirror_devices SET last_seen_at = now() - interval '2 hours' WHERE dealer_link_id = $1 AND chekt_id = $2`,
    [device.dealer_link_id, device.chekt_id],
  );
});

test.afterAll(async () => {
  if (device)
    await sql(`UPDATE mirror_devices SET last_seen_at = $3 WHERE dealer_link_id = $1 AND chekt_id = $2`, [
      device.dealer_link_id,
      device.chekt_id,
      device.last_seen_at,
    ]);
});

test.describe("lists without hover", () => {
  test("the fleet table writes a device's exact last report beside how long ago it was", async ({ page }) => {
    await signIn(page, "viewer", `/fleet?site=${device.site_id}`);
    const row = page.locator(`[data-testid="fleet-row"][data-device-id="${device.chekt_id}"]`);
    await expect(row).toContainText("2 h ago");
    // The exact instant is on the page as text (not asserted: it is now's), in a <time> naming it.
    const exact = row.getByTestId("last-seen-at");
    await expect(exact).toBeVisible();
    await expect(exact.locator("time")).toHaveAttribute("datetime", /^\d{4}-\d{2}-\d{2}T/);
    await expect(exact).toContainText("UTC");
    await expect(row.locator("[title]")).toHaveCount(0);
    await expectNoSeriousA11y(page, "main");
    await shots(page, "fleet-last-seen");
  });

  test("the device grid says how to edit a value in text, not in each cell's tooltip", async ({ page }) => {
    await signIn(page, "operator", `/sites/${device.site_id}/devices`);
    const grid = page.getByRole("grid", { name: "Devices" });
    await expect(grid).toBeVisible();
    const hint = page.getByText("To edit a value, double-click it or press Enter on its cell");
    await expect(hint).toBeVisible();
    await expect(grid).toHaveAccessibleDescription(/To edit a value, double-click it/);
    // No cell carries a tooltip (every editable one said "Press Enter or double-click to edit").
    await expect(grid.getByRole("gridcell").and(page.locator("[title]"))).toHaveCount(0);
    await expectNoSeriousA11y(page, "main");
    await shots(page, "device-grid-hint");
    const pencil = grid.getByRole("button", { name: /^Edit Name of / }).first();
    await expect(pencil).toBeHidden();
    // On a phone card the same line names the pencil each editable value carries.
    await page.setViewportSize(SMALL_LAPTOP_AND_PHONE.phone);
    await expect(hint).toBeVisible();
    await expect(hint).toContainText("tap its pencil");
    // ...and the pencil is there to tap (md:hidden keeps it off the laptop grid, where Enter edits).
    await expect(pencil).toBeVisible();
  });
});
