// The CHeKT Apps device list: /v1/devices through the key, "Load more" following next_cursor.
import { expect, test } from "@playwright/test";
import { signIn, simUrl } from "./setup";
import { shot } from "./admin-helpers";

test("as an admin: pages through every device of the dealer's app", async ({ page }) => {
  // What CHeKT itself lists for the seeded key, followed to the end.
  const { DEMO } = await import("../../simulator/seed");
  let total = 0;
  let cursor: string | null = null;
  do {
    const res: Response = await fetch(`${simUrl()}/v1/devices?limit=100${cursor ? `&cursor=${cursor}` : ""}`, {
      headers: { authorization: `Bearer ${DEMO.app.apiKey}` },
    });
    const body = (await res.json()) as { data: unknown[]; has_more: boolean; next_cursor: string | null };
    total += body.data.length;
    cursor = body.has_more ? body.next_cursor : null;
  } while (cursor);

  // Grouped as the page writes every count ("3,150"): earlier specs add devices, so the total may pass 999.
  const all = `All ${total.toLocaleString("en-US")} devices shown`;
  await signIn(page, "admin", "/settings/app-devices");
  const count = page.getByTestId("device-count");
  // A page is CHeKT's largest (100), so a dealer with thousands of devices needs few calls.
  await expect(count).toHaveText(total > 100 ? "100 devices shown" : all);
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
