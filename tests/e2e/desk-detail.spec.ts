// The dispatch-ready detail view in a real browser against the real app and simulator: the site's
// address, account number, station and local time, the call list (CHeKT's contact first, tel:
// links), directions written and shown again after a reload, a note added to the alarm's history
// beside the events CHeKT sent; opening it makes no CHeKT call (every Partner API call answers 503
// while it opens); Escape with a note typed and not sent asks first; axe clean; laptop and phone
// screenshots (copied to /tmp/shots/desk-plans/).
import { expect, test } from "@playwright/test";
import { e2eSim } from "./setup";
import { simFault } from "../support/sim-control";
import { screenshotsTo, VIEWPORTS } from "./setup/page-checks";
import { clearFaults, expectAccessible, raiseShown, signInToQueue } from "./verifications-helpers";

const shots = screenshotsTo("/tmp/shots/desk-plans", { fullPage: "none" });

test.use({ viewport: VIEWPORTS.laptop });

test.afterEach(async () => {
  await clearFaults();
});

test(
  "detail view: site, station, local time, call list with CHeKT's " +
    "contact first, directions and notes, from Postgres only",
  async ({ page }) => {
    test.setTimeout(90_000);
    await signInToQueue(page);
    const { row: r } = await raiseShown(page, 1, "Detail view check", { priority: "high", trigger: "door-forced" });

    // From here CHeKT's Partner API (sites, contacts, stations) answers only 503s: the view must
    // still open in full, because it reads the mirror.
    await simFault(e2eSim, { path: "/partner/**", rate_5xx: 1 });
    await r.click();
    await page.getByTestId("queue-actions").getByRole("button", { name: "Open" }).click();
    const detail = page.getByRole("dialog");

    const site = detail.getByTestId("desk-site");
    await expect(site).toBeVisible({ timeout: 15_000 });
    await expect(site.getByText("Account number")).toBeVisible();
    await expect(site.getByText("Monitoring station")).toBeVisible();
    await expect(detail.getByTestId("desk-site-time")).toHaveText(/\d{2}:\d{2}:\d{2}/);

    const calls = detail.getByTestId("call-list").getByRole("listitem");
    await expect(calls.first()).toContainText("Named by CHeKT");
    await expect(detail.getByTestId("call-list").getByText("Named by CHeKT")).toHaveCount(1);
    // The contact CHeKT names has a phone in the seed: its number is a link that dials.
    await expect(calls.first().getByRole("link")).toHaveAttribute("href", /^tel:\+?\d+$/);

    const history = detail.getByTestId("desk-history");
    await expect(history).toContainText("CHeKT:");
    await expect(history).toContainText("Detail view check");

    await detail.getByRole("button", { name: /Add directions|Edit directions/ }).click();
    await detail.getByLabel("Directions to the site").fill("Gate code 4411. Park behind the loading dock.");
    await detail.getByRole("button", { name: "Save directions" }).click();
    await expect(detail.getByTestId("desk-directions")).toContainText("Gate code 4411");

    await detail.getByLabel("Note").fill("Called the keyholder, no answer.");
    await detail.getByRole("button", { name: "Add note" }).click();
    await expect(history).toContainText("Called the keyholder, no answer.");

    // An empty note is refused in words, and nothing is added.
    const entries = history.getByRole("listitem");
    const before = await entries.count();
    await detail.getByRole("button", { name: "Add note" }).click();
    await expect(detail.getByText("Write the note first")).toBeVisible();
    await expect(entries).toHaveCount(before);
    await expect(history.getByText("Called the keyholder, no answer.")).toHaveCount(1);

    await expectAccessible(page);
    await shots(page, "detail");
    await site.scrollIntoViewIfNeeded();
    await shots(page, "detail-top");

    // Directions belong to the site: they are there again after a reload.
    await page.reload();
    await expect(page.getByText("Live", { exact: true })).toBeVisible({ timeout: 20_000 });
    await r.click();
    await page.getByTestId("queue-actions").getByRole("button", { name: "Open" }).click();
    await expect(page.getByRole("dialog").getByTestId("desk-directions")).toContainText("Gate code 4411", {
      timeout: 15_000,
    });
    await expect(page.getByRole("dialog").getByTestId("desk-history")).toContainText("Called the keyholder");

    // Text typed and not sent: Escape in the note asks before closing the view, instead of throwing it away.
    const reopened = page.getByRole("dialog").filter({ hasText: "Detail view check" });
    const note = reopened.getByLabel("Note");
    await note.fill("Half a sentence about the");
    await note.press("Escape");
    const discard = page.getByRole("dialog").filter({ hasText: "Discard what you typed?" });
    await expect(discard).toBeVisible();
    await expect(reopened).toBeVisible();
    await discard.getByRole("button", { name: "Keep editing" }).click();
    await expect(discard).toHaveCount(0);
    await expect(note).toHaveValue("Half a sentence about the");
    await expect(note).toBeFocused();
    await note.press("Escape");
    await discard.getByRole("button", { name: "Discard and close" }).click();
    await expect(reopened).toHaveCount(0);
    await expect(r).toBeFocused();
  },
);
