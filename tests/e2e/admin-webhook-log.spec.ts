// The webhook delivery log: a signed delivery from the simulator and a forged one, the payload
// viewer, the verdict filter and the idempotent re-apply.
import { expect, test } from "@playwright/test";
import { appUrl, signIn, simUrl, e2eSim } from "./setup";
import { simDeviceStatus } from "../support/sim-control";
import { ADMIN_SCREENS, shot } from "./admin-helpers";
import { expectNoSeriousA11y, screenshotsTo } from "./setup/page-checks";

const shots = screenshotsTo(ADMIN_SCREENS);

test("as an admin: accepted and rejected deliveries with reasons; payload; re-apply twice", async ({ page }) => {
  // A device of dealer 1 goes offline on CHeKT: a signed device.offline delivery to the app.
  const { DEMO } = await import("../../simulator/seed");
  const list = (await (
    await fetch(`${simUrl()}/v1/devices?limit=1`, { headers: { authorization: `Bearer ${DEMO.app.apiKey}` } })
  ).json()) as { data: Array<{ id: string; status: string }> };
  const device = list.data[0];
  const changed = await simDeviceStatus(e2eSim, device.id, {
    status: device.status === "offline" ? "online" : "offline",
  });
  const sent = { event_id: changed.events[0].id };
  // A forged delivery: right shape, no valid signature.
  const forged = await fetch(`${appUrl()}/api/webhooks/chekt/acme-security`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-chekt-signature": "00".repeat(32),
      "x-chekt-timestamp": String(Math.floor(Date.now() / 1000)),
      "x-chekt-event-id": "evt_forged_e2e",
    },
    body: JSON.stringify({
      id: "evt_forged_e2e",
      type: "device.online",
      created_at: new Date().toISOString(),
      data: {},
    }),
  });
  expect(forged.status).toBe(401);

  await signIn(page, "admin", "/webhook-log");
  await expect(async () => {
    await page.goto(`/webhook-log?event=${sent.event_id}`);
    await expect(page.getByTestId("webhook-log")).toContainText(sent.event_id, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  const row = page.locator(`tr[data-verdict="accepted"]`, { hasText: sent.event_id }).first();
  await row.getByText("Payload").click();
  await expect(row.locator("pre")).toContainText(sent.event_id);
  await row.getByRole("button", { name: `Re-apply ${sent.event_id}` }).click();
  await expect(page.getByText(`Re-applied ${sent.event_id}`)).toBeVisible();
  await row.getByRole("button", { name: `Re-apply ${sent.event_id}` }).click();
  await expect(page.getByText(`Re-applied ${sent.event_id}`).first()).toBeVisible();

  await page.goto("/webhook-log?verdict=rejected");
  const rejected = page.locator(`tr[data-verdict="rejected"]`).first();
  await expect(rejected).toBeVisible();
  await expect(rejected).toContainText(/signature/i);
  await shot(page, "webhook-log");

  await page.goto(`/audit?action=webhooks.reapply&object=${sent.event_id}`);
  await expect(page.getByTestId("audit-table").locator(":scope > tbody > tr")).toHaveCount(2);
});

test("every dated log names a To day before From the same way and ignores it; From still filters", async ({ page }) => {
  const logs = [
    { path: "/webhook-log", bar: "Filter deliveries" },
    { path: "/audit", bar: "Filter audit rows" },
    { path: "/verifications/history", bar: "Filter verifications" },
  ];
  await signIn(page, "admin", "/webhook-log");
  for (const { path, bar } of logs) {
    await page.goto(`${path}?from=2026-11-24&to=2026-11-01`);
    const ignored = page.getByRole("alert").filter({ hasText: "Some filters were ignored" });
    await expect(ignored).toContainText('"From" must be on or before "To".');
    const form = page.getByRole("search", { name: bar });
    await expect(form.getByLabel("From", { exact: true })).toHaveValue("2026-11-24");
    await expect(form.getByLabel("To", { exact: true })).toHaveValue("");
    await expectNoSeriousA11y(page);
  }
  await page.goto("/webhook-log?from=2026-11-24&to=2026-11-01");
  await shots(page, "webhook-log-reversed-range");
});
