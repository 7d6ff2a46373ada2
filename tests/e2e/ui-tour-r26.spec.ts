// The twenty-fifth round's tour, its findings left over, at a 1280×800 laptop and a 390×844 phone: the webhook
// log's Payload shows that it opens and says what applying did once; any link on a phone card reads as its words;
// the alarm desk's "Selected:" line shows a long site name whole on a phone; a long site name keeps a fleet row
// to two lines at 1280 with the whole name still the link's text. axe on every page; screenshots under
// /tmp/shots/r26-ui2.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { signIn, simUrl, e2eSim } from "./setup";
import { simDeviceStatus } from "../support/sim-control";
import { expectNoSeriousA11y, screenshotsTo, SMALL_LAPTOP_AND_PHONE } from "./setup/page-checks";
import { partner, refreshShownSites, sitesView, stamp } from "./sites-helpers";
import { refreshDevices } from "./devices-helpers";
import { openQueue, raiseShown } from "./verifications-helpers";

const { laptop: LAPTOP, phone: PHONE } = SMALL_LAPTOP_AND_PHONE;
const shots = screenshotsTo("/tmp/shots/r26-ui2", { makeDir: true, fullPage: "none", sizes: SMALL_LAPTOP_AND_PHONE });

/** A site name as long as the tour's, ending in a word of its own that the sites search finds it by. */
const longSiteName = (key: string) =>
  `Riverside Distribution Centre, Building C – Loading Docks North, East and the Cold Store ${key}`;

/** A site of its own with that long name, made CHeKT-side and in the mirror; an operator is signed in. */
async function longNamedSite(page: Page, what: string) {
  const key = `r26${what}${stamp}`;
  const name = longSiteName(key);
  const { site_id: siteId } = await partner<{ site_id: number }>("/sites", "POST", {
    external_site_id: `${key}-${Date.now()}`,
    name,
    timezone: "America/New_York",
  });
  // CHeKT's own search takes no name this long: the list is searched for the name's last word.
  await signIn(page, "operator", sitesView(key));
  await refreshShownSites(page);
  return { siteId, name };
}

/** A webhook log row's Payload line, which opens the payload. */
const payloadLine = (row: Locator) => row.locator("summary", { hasText: "Payload" });

/** How far an element's text runs past its own box, sideways and down (0, 0: nothing cut). */
const cut = (el: Locator) =>
  el.evaluate((e) => ({ wide: e.scrollWidth - e.clientWidth, tall: e.scrollHeight - e.clientHeight }));

test("the webhook log's Payload shows that it opens, and what applying did is said once", async ({ page }) => {
  // A device of dealer 1 changes state on CHeKT: a signed delivery, accepted and applied.
  const { DEMO } = await import("../../simulator/seed");
  const list = (await (
    await fetch(`${simUrl()}/v1/devices?limit=1`, { headers: { authorization: `Bearer ${DEMO.app.apiKey}` } })
  ).json()) as { data: Array<{ id: string; status: string }> };
  const device = list.data[0]!;
  const changed = await simDeviceStatus(e2eSim, device.id, {
    status: device.status === "offline" ? "online" : "offline",
  });
  const eventId = changed.events[0]!.id;
  await signIn(page, "admin", "/webhook-log");
  await expect(async () => {
    await page.goto(`/webhook-log?event=${eventId}`);
    await expect(page.getByTestId("webhook-log")).toContainText(eventId, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  const row = page.locator(`tr[data-verdict="accepted"]`, { hasText: eventId }).first();
  for (const size of [LAPTOP, PHONE]) {
    await page.setViewportSize(size);
    // What applying did, under Applied; the signature verdict does not say it again.
    const applied = row.locator('td[data-label="Applied"] div');
    await expect(applied).not.toBeEmpty();
    const note = (await applied.textContent())!;
    const rowText = (await row.evaluate((tr) => (tr as HTMLElement).innerText))!;
    expect(rowText.split(note).length - 1, `"${note}" in the row at ${size.width} px`).toBe(1);
    await expect(row.locator('td[data-label="Signature verdict"]')).toHaveText("accepted");
    // The Payload line carries a marker a reader sees before opening it, turned once open.
    const payload = payloadLine(row);
    const marker = payload.locator("svg");
    await expect(marker).toBeVisible();
    const [markerBox, lineBox] = [(await marker.boundingBox())!, (await payload.boundingBox())!];
    expect(markerBox.x - lineBox.x, "the marker leads the line").toBeLessThan(2);
    const turn = () => marker.evaluate((m) => getComputedStyle(m).transform);
    // Closed: unturned. Polled, as the open one is: closed at the other width a moment ago, the marker may still be
    // turning back (a CSS transition; one CI run read it 3 degrees short of rest).
    await expect.poll(turn, { message: "the marker rests unturned while Payload is closed" }).toBe("none");
    await payload.click();
    await expect(row.locator("pre")).toContainText(eventId);
    await expect.poll(turn, { message: "the marker turns when Payload is open" }).toMatch(/^matrix\(.*, 1, -1,/);
    await payload.click();
    await expect(row.locator("pre")).toBeHidden();
  }
  await payloadLine(row).click();
  await expectNoSeriousA11y(page);
  await shots(page, "webhook-log");
});

test("on a phone any link on a list card reads as its words, not only the device counts", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signIn(page, "operator", "/sites?q=Camden%20Office%20Suites");
  const card = page.getByTestId("site-row").first();
  const name = card.locator('td[data-card="title"] a');
  await expect(name).toBeVisible();
  // A name link holding an element beside loose text, as any list may render one (a matched word in bold, a
  // count): a card's link must lay it out as words, the spaces at the edges of the loose text kept.
  const laidOut = await name.evaluate((a) => {
    a.innerHTML = "<strong>Camden</strong> Office · <span>Suites</span> 2";
    return (a as HTMLElement).innerText;
  });
  expect(laidOut).toBe("Camden Office · Suites 2");
  // The device counts, now without a box of their own to hold their spaces.
  const counts = card.getByTestId("site-device-status");
  expect(await counts.evaluate((el) => (el as HTMLElement).innerText)).toMatch(/^\d+ online · \d+ offline/);
  // Every link is still a target a thumb can hit.
  expect((await name.boundingBox())!.height).toBeGreaterThanOrEqual(24);
  expect((await counts.boundingBox())!.height).toBeGreaterThanOrEqual(24);
  await expectNoSeriousA11y(page);
  await shots(page, "site-card-link");
});

test("on a phone the alarm desk's Selected line shows a long site name whole", async ({ page }) => {
  const { siteId, name } = await longNamedSite(page, "Desk");
  await page.setViewportSize(PHONE);
  await openQueue(page);
  const { row } = await raiseShown(page, siteId, `Motion at the cold store (${stamp})`, { expires_in_s: 180 });
  await row.click();
  await expect(row).toHaveAttribute("aria-selected", "true");
  const toolbar = page.getByTestId("queue-actions");
  await expect(toolbar.locator("strong")).toHaveText(name);
  // Nothing of it cut off with an ellipsis, none of it past the phone's right edge.
  const line = toolbar.getByText("Selected:");
  expect(await cut(line), "the Selected line is cut").toEqual({ wide: 0, tall: 0 });
  const right = await toolbar
    .locator("strong")
    .evaluate((s) => Math.max(...[...s.getClientRects()].map((r) => r.right)));
  expect(right, "the name's right edge").toBeLessThanOrEqual(PHONE.width);
  // The row names the site whole too.
  // (Its first line; the site has no camera, so the alarm's location is the name again.)
  const inRow = row.getByText(name, { exact: true }).first();
  await expect(inRow).toBeVisible();
  expect((await cut(inRow)).wide, "the row's site name is cut").toBeLessThanOrEqual(0);
  await expectNoSeriousA11y(page);
  await shots(page, "desk-selected");
});

test("at 1280 a long site name keeps a fleet row to two lines, the whole name still its text", async ({ page }) => {
  const { siteId, name } = await longNamedSite(page, "Fleet");
  const device = `r26-fleet-${stamp}`;
  await partner(`/sites/${siteId}/devices`, "POST", [
    { external_device_id: device, device_type: "camera", name: "Dock camera", zone_number: "001" },
  ]);
  await refreshDevices(page, siteId);
  await expect(page.getByTestId(`device-${device}`)).toBeVisible();
  await page.setViewportSize(LAPTOP);
  await page.goto(`/fleet?site=${siteId}`);
  const row = page.getByTestId("fleet-row").first();
  const site = row.getByRole("link", { name });
  // The link's text and name are the whole site name (a screen reader's, the page's find), no tooltip.
  await expect(site).toHaveText(name);
  await expect(site).not.toHaveAttribute("title");
  const lines = await row.evaluate((tr) => {
    const td = getComputedStyle(tr.querySelector("td")!);
    const padding = parseFloat(td.paddingTop) + parseFloat(td.paddingBottom);
    return (tr.getBoundingClientRect().height - padding) / parseFloat(td.lineHeight);
  });
  expect(lines, "the row's height in lines of text").toBeLessThanOrEqual(2.3);
  // Keyboard focus on the link shows the name whole (Tab reaches every row's).
  await site.focus();
  expect(await cut(site), "the focused name is cut").toEqual({ wide: 0, tall: 0 });
  await site.blur();
  await expectNoSeriousA11y(page);
  await shots(page, "fleet-long-site");
  // A phone card shows it whole.
  await page.setViewportSize(PHONE);
  expect((await cut(site)).tall, "the name on the phone card is cut").toBeLessThanOrEqual(0);
});
