// Fleet health and site readiness in a real browser: a camera taken offline and given new
// firmware in the simulator reaches the mirror through CHeKT's device.* webhooks; its offline spell
// is moved back two hours in the database instead of sleeping (as the lockout spec moves its
// counters). Then /fleet's filters in the URL, the site page's readiness checklist and its link to
// the form that fixes a check, the sites list's "Not ready" filter and the dashboard's counts.
// axe on every page; laptop and phone screenshots under /tmp/shots/fleet.
import { expect, test } from "@playwright/test";
import { signIn, e2eSim } from "./setup";
import { simDeviceStatus } from "../support/sim-control";
import { sql as query } from "./setup/db";
import { fitsTheWidth, screenshotsTo } from "./setup/page-checks";
import { expectAccessible } from "./verifications-helpers";

const SHOTS = "/tmp/shots/fleet";
const stamp = Date.now().toString(36);
const FIRMWARE = `9.9.${stamp}`;

// Nothing wider than the screen at either size.
const shots = screenshotsTo(SHOTS, { check: fitsTheWidth });

test.describe.configure({ mode: "serial" });

let linkId: string;
let camera: { chekt_id: number; name: string; site_id: number };

test.beforeAll(async () => {
  [{ id: linkId }] = (await query<{ id: string }>("SELECT id FROM dealer_links WHERE chekt_dealer_id = 1")) as [
    { id: string },
  ];
  await expect
    .poll(
      async () =>
        (
          await query<{ f: Date | null }>("SELECT finished_at AS f FROM mirror_syncs WHERE dealer_link_id = $1", [
            linkId,
          ])
        )[0]?.f ?? null,
      { timeout: 120_000, intervals: [1000] },
    )
    .not.toBeNull();
  [camera] = (await query<{ chekt_id: number; name: string; site_id: number }>(
    `SELECT chekt_id, name, site_id FROM mirror_devices WHERE dealer_link_id = $1 AND device_type = 'camera'
      AND gone_at IS NULL ORDER BY site_id, chekt_id LIMIT 1`,
    [linkId],
  )) as [typeof camera];
});

test.afterAll(async () => {
  if (camera) await simDeviceStatus(e2eSim, camera.chekt_id, { status: "online" });
});

// Each test takes the camera offline for two hours itself (the readiness test needs the spell as much as
// the fleet test does), so either runs alone or first; afterAll brings it back online.
test.beforeEach(async () => {
  // CHeKT says so by webhook (device.offline, device.firmware_updated); the mirror follows.
  await simDeviceStatus(e2eSim, camera.chekt_id, { status: "offline", firmware: FIRMWARE });
  await expect
    .poll(
      async () =>
        (
          await query<{ status: string; firmware: string }>(
            "SELECT status, firmware FROM mirror_devices WHERE dealer_link_id = $1 AND chekt_id = $2",
            [linkId, camera.chekt_id],
          )
        )[0],
      { timeout: 30_000 },
    )
    .toEqual({ status: "offline", firmware: FIRMWARE });
  // The firmware report came with the status change, so it moves back too: the card then reads as CHeKT
  // would have told it, last seen when it went offline, not "just now" beside "Offline for 2 h".
  await query(
    `UPDATE mirror_devices SET status_at = now() - interval '2 hours', firmware_at = now() - interval '2 hours',
      last_seen_at = now() - interval '2 hours' WHERE dealer_link_id = $1 AND chekt_id = $2`,
    [linkId, camera.chekt_id],
  );
});

test("fleet: a camera offline for two hours is found by the filters in the URL", async ({ page }) => {
  await signIn(page, "viewer", "/fleet");
  await expect(page.getByRole("heading", { name: "Fleet health" })).toBeVisible();
  await expect(page.getByTestId("fleet-count-offline")).toContainText(/^[1-9]\d* offline$/);
  const row = page.locator(`[data-testid="fleet-row"][data-device-id="${camera.chekt_id}"]`);
  await expect(row).toContainText("Offline for 2 h");
  await expect(row).toContainText("2 h ago");
  await expect(row).toContainText(FIRMWARE);
  // Offline first: no online or unknown device is listed above it.
  const statuses = await page.getByTestId("fleet-row").locator("td:nth-child(2) > span:first-child").allTextContents();
  const firstOther = statuses.findIndex((t) => t !== "Offline");
  expect(statuses[0]).toBe("Offline");
  if (firstOther >= 0) expect(statuses.slice(firstOther)).not.toContain("Offline");
  await expectAccessible(page, "main");
  await shots(page, "fleet");

  // "Offline longer than" on its site: one hour finds its two-hour spell, four hours does not.
  const expected = (
    await query<{ n: number }>(
      `SELECT count(*)::int AS n FROM mirror_devices WHERE dealer_link_id = $1 AND gone_at IS NULL
        AND status = 'offline' AND status_at < now() - interval '1 hour'`,
      [linkId],
    )
  )[0]!.n;
  await page.getByLabel("Offline longer than").selectOption({ label: "1 hour" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/offlineFor=60/);
  await expect(page.getByTestId("fleet-range")).toHaveText(`Showing 1–${expected} of ${expected}`);
  await expect(row).toBeVisible();
  await page.getByLabel("Site ID (CHeKT)").fill(String(camera.site_id));
  await page.getByLabel("Offline longer than").selectOption({ label: "4 hours" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(
    new RegExp(`offlineFor=240.*site=${camera.site_id}|site=${camera.site_id}.*offlineFor=240`),
  );
  await expect(page.getByText("No device matches these filters")).toBeVisible();

  await page.goto(`/fleet?firmware=${encodeURIComponent(FIRMWARE)}`);
  await expect(page.getByLabel("Firmware")).toHaveValue(FIRMWARE);
  await expect(page.getByTestId("fleet-row")).toHaveCount(1);
  await page.goto("/fleet?type=bridge&per=200");
  const types = await page.getByTestId("fleet-row").locator("td:nth-child(5)").allTextContents();
  expect(types.length).toBeGreaterThan(0);
  expect(new Set(types)).toEqual(new Set(["bridge"]));
  await page.goto(`/fleet?site=${camera.site_id}&status=offline`);
  await expect(page.getByTestId("fleet-row")).toHaveCount(1);
  // Nonsense in the URL is ignored, not an error.
  await page.goto("/fleet?status=exploded&offlineFor=-3&page=0");
  await expect(page.getByRole("heading", { name: "Fleet health" })).toBeVisible();
  await expect(page.getByTestId("fleet-row").first()).toBeVisible();
});

test("readiness: each check links to the form that fixes it; the not-ready filter and the dashboard agree", async ({
  page,
}) => {
  await signIn(page, "operator", `/sites/${camera.site_id}`);
  // The camera's two-hour spell fails its site's "no device offline" check, linking to the fleet page.
  const offline = page.getByTestId("readiness-devices_online");
  await expect(offline).toHaveAttribute("data-ok", "0");
  await expect(page.getByTestId("site-device-status")).toContainText("1 offline");
  await expectAccessible(page, "main");
  await shots(page, "site-readiness");
  await offline.getByRole("link", { name: "See the devices" }).click();
  await expect(page).toHaveURL(new RegExp(`/fleet\\?site=${camera.site_id}&offlineFor=30`));
  await expect(page.getByTestId("fleet-row")).toHaveCount(1);

  // A new site with no station and no account number is not ready; its fix link opens the edit form.
  const name = `Unready ${stamp}`;
  await page.goto("/sites/new");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await page.getByLabel("Site ID (yours)").fill(`e2e-unready-${stamp}`);
  await page.getByLabel("Time zone").fill("Europe/London");
  await page.getByRole("button", { name: "Create site" }).click();
  await expect(page.getByTestId("site-name")).toHaveText(name);
  const station = page.getByTestId("readiness-station_account");
  await expect(station).toHaveAttribute("data-ok", "0");
  await expect(station).toContainText("No monitoring station");
  await expect(page.getByTestId("readiness")).toContainText("Not ready");
  await station.getByRole("link", { name: "Edit the site" }).click();
  await expect(page).toHaveURL(/\/sites\/\d+\/edit$/);
  await expect(page.getByLabel("Account number")).toBeVisible();

  // The sites list: the Readiness filter.
  await page.goto(`/sites?q=${encodeURIComponent(name)}`);
  await page.getByLabel("Readiness").selectOption({ label: "Not ready" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/ready=0/);
  await expect(page.getByTestId("site-row")).toHaveCount(1);
  await expect(page.getByTestId("site-readiness")).toContainText("Not ready");
  await expectAccessible(page, "main");
  await page.goto(`/sites?q=${encodeURIComponent(name)}&ready=1`);
  await expect(page.getByTestId("site-row")).toHaveCount(0);
  await page.goto("/sites?ready=0");
  await shots(page, "sites-not-ready");

  // The dashboard: how many are not ready and why; its link lists the same number of sites.
  await page.goto("/");
  const card = page.getByTestId("readiness-summary");
  await expect(card.getByTestId("not-ready-station_account")).toBeVisible();
  const notReady = (await card.getByTestId("count-not-ready").textContent())!.trim();
  expect(Number(notReady.replace(/,/g, ""))).toBeGreaterThanOrEqual(1);
  await expectAccessible(page, "main");
  await shots(page, "dashboard-readiness");
  await card.getByRole("link", { name: "Show the sites" }).click();
  await expect(page).toHaveURL(/\/sites\?ready=0/);
  await expect(page.getByTestId("sites-total")).toHaveText(notReady);
});
