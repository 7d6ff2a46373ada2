// The CHeKT Apps device list: /v1/devices through the key, "Load more" following next_cursor.
import { expect, test } from "@playwright/test";
import { signIn, simUrl } from "./setup";
import { partner } from "./setup/partner";
import { shot } from "./admin-helpers";
import { newSite, stamp } from "./devices-helpers";

const PAGE = 100;

/** How many devices CHeKT itself lists for the seeded key, its pages followed to the end. */
async function appDeviceCount(): Promise<number> {
  const { DEMO } = await import("../../simulator/seed");
  let total = 0;
  let cursor: string | null = null;
  do {
    const res: Response = await fetch(`${simUrl()}/v1/devices?limit=${PAGE}${cursor ? `&cursor=${cursor}` : ""}`, {
      headers: { authorization: `Bearer ${DEMO.app.apiKey}` },
    });
    const body = (await res.json()) as { data: unknown[]; has_more: boolean; next_cursor: string | null };
    total += body.data.length;
    cursor = body.has_more ? body.next_cursor : null;
  } while (cursor);
  return total;
}

test("as an admin: pages through every device of the dealer's app", async ({ page }) => {
  // The seeded dealer has fewer devices than a page. So that "Load more" is always there to follow, whichever
  // specs ran before, a site of this spec's own gets the devices missing (made CHeKT-side, as an installer would,
  // and brought into the mirror as the other specs' sites are: the dashboard's count must keep matching CHeKT's).
  const missing = PAGE + 1 - (await appDeviceCount());
  if (missing > 0) {
    const { siteId } = await newSite(page, "App devices", "admin");
    const devices = Array.from({ length: missing }, (_, i) => ({
      external_device_id: `e2e-app-devices-${stamp}-${i}`,
      device_type: "camera",
      name: `Paging camera ${i + 1}`,
    }));
    for (let i = 0; i < devices.length; i += PAGE)
      await partner(`/sites/${siteId}/devices`, "POST", devices.slice(i, i + PAGE));
  }
  const total = await appDeviceCount();
  expect(total).toBeGreaterThan(PAGE);

  // Grouped as the page writes every count ("3,150"): earlier specs add devices, so the total may pass 999.
  const all = `All ${total.toLocaleString("en-US")} devices shown`;
  await signIn(page, "admin", "/settings/app-devices");
  const count = page.getByTestId("device-count");
  // A page is CHeKT's largest (100), so a dealer with thousands of devices needs few calls.
  await expect(count).toHaveText(`${PAGE} devices shown`);
  await expect(page.getByRole("button", { name: "Load more" })).toBeVisible();
  // The first page, as an admin lands on it (a full-page picture of thousands of rows helps nobody).
  await shot(page, "app-devices");
  while (await page.getByRole("button", { name: "Load more" }).isVisible()) {
    const before = await count.textContent();
    await page.getByRole("button", { name: "Load more" }).click();
    await expect(count).not.toHaveText(before!);
  }
  await expect(count).toHaveText(all);
  await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);
});
