// A device whose stored copy of CHeKT's answer (mirror_devices.dto) no longer reads as a device — left
// by an older contract, or damaged — is still in its site's grid, with what this console keeps in its
// own columns (external ID, name, type, zone, status) and none of the copy: never wrong data, and the
// page keeps working (lib/mirror/dto.ts readDeviceDto, lib/mirror/devices.ts). Laptop and phone
// screenshots, axe.
import { expect, test } from "@playwright/test";
import { sql } from "./setup/db";
import { partner } from "./setup/partner";
import { expectNoSeriousA11y, screenshotsTo } from "./setup/page-checks";
import { newSite, stamp } from "./devices-helpers";

const shots = screenshotsTo("/tmp/shots/mirror-dto", { makeDir: true });

test("a device whose stored copy cannot be read shows with our own columns; the grid still works", async ({ page }) => {
  test.setTimeout(120_000);
  const crashes: string[] = [];
  page.on("pageerror", (e) => crashes.push(e.message));
  const { siteId } = await newSite(page, "Unreadable copy", "operator");
  const readable = `dto-${stamp}-ok`;
  const unreadable = `dto-${stamp}-bad`;
  await partner(`/sites/${siteId}/devices`, "POST", [
    { external_device_id: readable, device_type: "camera", name: "Readable gate", zone_number: "1" },
    { external_device_id: unreadable, device_type: "bridge", name: "Unreadable door", zone_number: "2" },
  ]);
  // Pages read the mirror: the devices made CHeKT-side show after the page's Refresh.
  await page.goto(`/sites/${siteId}/devices`);
  await page.getByTestId("freshness").getByRole("button", { name: "Refresh" }).click();
  await expect(page.getByTestId(`device-${unreadable}`)).toContainText("Unreadable door");

  // The copy as another contract might have written it (an id that is text, a name that is a number),
  // and a status of ours (as a device.* webhook sets it).
  const changed = await sql<{ chekt_id: number }>(
    `UPDATE mirror_devices SET dto = $1::jsonb, status = 'offline', status_at = now()
      WHERE site_id = $2 AND external_id = $3 RETURNING chekt_id`,
    [JSON.stringify({ device_id: "dev-1", name: 4_242_424, device_type: ["sensor"] }), siteId, unreadable],
  );
  expect(changed).toHaveLength(1);
  await page.reload();

  const grid = page.getByRole("grid", { name: "Devices" });
  await expect(grid).toBeVisible();
  await expect(page.getByTestId("grid-count")).toHaveText("2 of 2");
  const bad = page.getByTestId(`device-${unreadable}`);
  // Our columns: the external ID (opens the details), the name, type and zone we stored, the status.
  await expect(bad.getByRole("button", { name: unreadable, exact: true })).toBeVisible();
  for (const ours of ["Unreadable door", "bridge", "Offline"]) await expect(bad).toContainText(ours);
  await expect(bad.getByRole("checkbox")).toHaveAccessibleName(/Select Unreadable door/);
  // Nothing from the unreadable copy, and no "undefined" where its fields would be.
  const shown = (await bad.innerText()).replaceAll(unreadable, "");
  for (const wrong of ["4242424", "4,242,424", "sensor", "undefined", "dev-1"]) expect(shown).not.toContain(wrong);
  // The readable row beside it is whole.
  await expect(page.getByTestId(`device-${readable}`)).toContainText("Readable gate");
  await expect(page.getByTestId(`device-${readable}`)).toContainText("camera");
  await shots(page, "grid-unreadable-copy");
  await expectNoSeriousA11y(page);

  // The grid's tools still work around it: the filter finds it by external ID, the details open.
  await page.getByLabel("Filter devices").fill(unreadable);
  await expect(page.getByTestId("grid-count")).toHaveText("1 of 2");
  await bad.getByRole("button", { name: unreadable, exact: true }).click();
  const details = page.getByRole("dialog", { name: `Device ${unreadable}` });
  await expect(details).toContainText(String(changed[0]!.chekt_id));
  await expect(details).toContainText("offline");
  await expect(details).toContainText("Unreadable door");
  await expect(details).not.toContainText("sensor");
  await shots(page, "details-unreadable-copy");
  await expectNoSeriousA11y(page);
  await details.getByRole("button", { name: "Close", exact: true }).click();
  await expect(details).toHaveCount(0);
  expect(crashes).toEqual([]);
});
