// Contacts, arming and devices from the mirror, in a real browser (docs/mirror.md "Devices,
// contacts and arming"): a contact added through the form is on the site page at once (write-
// through); while the simulator answers every Partner API call with 429, the site page's panels,
// the arming page, the device grid and the contact edit form still render with how fresh they are,
// and the page views make no Partner API call at all. Then a verification answer sent while a
// 3,000-device bulk job and a mirror sweep spend the same free-tier budget is accepted promptly.
import { expect, test } from "@playwright/test";
import { countText } from "../../lib/count-text";
import { AS_OF, signIn, e2eSim } from "./setup";
import {
  type SimStats,
  clearSimStats,
  removeSimFault,
  setSimRateLimit,
  simFault,
  simStats,
  simVerifications,
} from "../support/sim-control";
import { sendOnlyBoss } from "./setup/boss";
import { sql as query } from "./setup/db";
import { fitsTheWidth, screenshotsTo } from "./setup/page-checks";
import { expectAccessible, pickPoliceDispatch, queueLive, raise, row } from "./verifications-helpers";

const SHOTS = "/tmp/shots/mirror-children";
const SITE = 1;
const stamp = Date.now().toString(36);

// Nothing wider than the screen: a phone never scrolls the page sideways (a wide table scrolls inside its own box).
const shots = screenshotsTo(SHOTS, { check: fitsTheWidth });

async function acmeLink(): Promise<string> {
  const [link] = await query<{ id: string }>("SELECT id FROM dealer_links WHERE chekt_dealer_id = 1");
  return link!.id;
}

/** Waits until the app's first sweep of the dealer has finished (the mirror then holds every seeded object). */
/**
 * Waits until the app's mirror sweep of the dealer has finished and none is running: a re-sweep keeps the
 * last finished time while it runs, and its calls (retried on 429s) would be counted as the pages' own.
 */
async function mirrorFilled(linkId: string) {
  await expect
    .poll(
      async () => {
        const [row] = await query<{ finished_at: Date | null; state: string }>(
          "SELECT finished_at, state FROM mirror_syncs WHERE dealer_link_id = $1",
          [linkId],
        );
        return row?.finished_at != null && row.state !== "running";
      },
      {
        timeout: 120_000,
        intervals: [1000],
        message: "the app's mirror sweep of dealer 1 did not finish (or another is still running)",
      },
    )
    .toBe(true);
}

const partnerCalls = (s: SimStats) => Object.entries(s.byRoute).filter(([k]) => k.includes("/partner/"));

test.describe.configure({ mode: "serial" });

test("contacts, arming and devices pages render from the mirror while CHeKT answers only 429s", async ({ page }) => {
  test.setTimeout(240_000);
  const linkId = await acmeLink();
  await mirrorFilled(linkId);

  // Write-through: the new contact is on the site page right after CHeKT accepted it.
  await signIn(page, "operator", `/sites/${SITE}/contacts/new`);
  await page.getByLabel("First name").fill("Mira");
  await page.getByLabel("Last name").fill(`Mirror ${stamp}`);
  await page.getByLabel("Phone").fill("+1 212 555 0143");
  await page.getByLabel("Contact ID (yours)").fill(`e2e-mc-${stamp}`);
  await page.getByRole("button", { name: "Add contact" }).click();
  await expect(page.locator("[data-sonner-toast]").filter({ hasText: "Contact added" }).first()).toBeVisible();
  await page.goto(`/sites/${SITE}`);
  const contactRow = page.getByTestId("contact-row").filter({ hasText: `Mira Mirror ${stamp}` });
  await expect(contactRow).toBeVisible();
  const [contact] = await query<{ chekt_id: number }>(
    "SELECT chekt_id FROM mirror_contacts WHERE dealer_link_id = $1 AND external_id = $2",
    [linkId, `e2e-mc-${stamp}`],
  );
  expect(contact, "the contact is in the mirror").toBeDefined();

  // CHeKT storms: every Partner API call answers 429. A sweep started meanwhile must be over first.
  await mirrorFilled(linkId);
  const fault = await simFault(e2eSim, { path: "/partner/**", rate_429: 1 });
  try {
    await clearSimStats(e2eSim);

    await page.goto(`/sites/${SITE}`);
    await expect(page.getByTestId("contact-row").filter({ hasText: `Mira Mirror ${stamp}` })).toBeVisible();
    await expect(page.getByTestId("site-arming")).not.toContainText("Not read from CHeKT yet");
    await expect(page.getByTestId("site-devices-count")).toHaveText(/^[1-9]\d*$/);
    await expect(page.getByTestId("freshness").first()).toContainText(AS_OF);
    await expectAccessible(page, "main");
    await shots(page, "site-429");

    await page.goto(`/sites/${SITE}/arming`);
    await expect(page.getByRole("heading", { name: "Arming" })).toBeVisible();
    await expect(page.getByTestId("freshness")).toContainText(AS_OF);
    await expect(page.locator('[data-testid^="arming-option-"]')).toHaveCount(4);
    await expectAccessible(page, "main");
    await shots(page, "arming-429");

    await page.goto(`/sites/${SITE}/devices`);
    await expect(page.getByRole("heading", { name: "Devices" })).toBeVisible();
    await expect(page.getByTestId("freshness")).toContainText(AS_OF);
    await expect(page.getByRole("row").nth(1)).toBeVisible();
    await expectAccessible(page, "main");
    await shots(page, "devices-429");

    await page.goto(`/sites/${SITE}/contacts/${contact!.chekt_id}/edit`);
    await expect(page.getByLabel("Last name")).toHaveValue(`Mirror ${stamp}`);
    await expect(page.getByTestId("freshness")).toContainText(AS_OF);
    await expectAccessible(page, "main");
    await shots(page, "contact-edit-429");

    // None of those page views asked CHeKT anything.
    const stats = await simStats(e2eSim);
    expect(partnerCalls(stats), "Partner API calls made while rendering the pages").toEqual([]);

    // Refresh asks CHeKT (at the read class); refused, it says so and the copy stays on the page.
    await page.getByRole("button", { name: "Refresh" }).click();
    await expect(page.getByTestId("freshness-problem")).toBeVisible({ timeout: 45_000 });
    await expect(page.getByLabel("Last name")).toHaveValue(`Mirror ${stamp}`);

    // A contact the mirror does not have is a 404, not a CHeKT call.
    const missing = await page.goto(`/sites/${SITE}/contacts/99999999/edit`);
    expect(missing?.status()).toBe(404);
  } finally {
    await removeSimFault(e2eSim, fault.id);
  }
});

const BULK = 3000;

function pasteRows(n: number): string {
  const lines = ["External ID\tType\tName\tZone"];
  for (let i = 1; i <= n; i++) lines.push(`e2e-mcb-${stamp}-${i}\tcamera\tBulk cam ${i}\t${(i % 64) + 1}`);
  return lines.join("\n");
}

test("a verification answer sent while a bulk job and a sweep run is accepted promptly", async ({ browser }) => {
  test.setTimeout(300_000);
  const linkId = await acmeLink();
  await mirrorFilled(linkId);
  const restoreRateLimit = await setSimRateLimit(e2eSim, { rateLimitPerMin: 60, rateLimitBurstPerS: 5 });
  const boss = sendOnlyBoss();
  const opCtx = await browser.newContext();
  const bulkCtx = await browser.newContext();
  try {
    // 1. An alarm; the operator claims it and has the dispatch confirmation open.
    const op = await opCtx.newPage();
    await signIn(op, "operator", "/verifications");
    await queueLive(op);
    const raised = await raise({ site_id: SITE, description: `Motion while busy ${stamp}` });
    const r = row(op, raised.verification.verification_id);
    await expect(r).toBeVisible({ timeout: 30_000 });
    await r.click();
    await op.getByTestId("queue-actions").getByRole("button", { name: "Claim" }).click();
    const detail = op.getByRole("dialog").filter({ hasText: `Motion while busy ${stamp}` });
    await expect(detail.getByRole("button", { name: "Release claim" })).toBeVisible();
    const confirm = await pickPoliceDispatch(op, detail);

    // 2. Meanwhile an installer provisions 3,000 devices on site 2 (30 chunks on the free tier)…
    const installer = await bulkCtx.newPage();
    await signIn(installer, "operator", "/sites/2/devices/paste");
    // One input event with the whole text, as a clipboard paste gives it (fill() types in pieces).
    await installer.getByRole("textbox", { name: "Device list" }).evaluate((el, text) => {
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value")!.set!.call(el, text);
      el.dispatchEvent(new Event("input", { bubbles: true }));
    }, pasteRows(BULK));
    await installer.getByRole("button", { name: "Next: match columns" }).click();
    await installer.getByRole("button", { name: "Next: review rows" }).click();
    await installer.getByRole("button", { name: `Provision ${countText(BULK)} devices` }).click();
    await expect(installer).toHaveURL(/\/sites\/2\/devices\/jobs\/[^/]+$/, { timeout: 60_000 });
    const jobId = installer.url().split("/").pop()!;

    // 3. …and a sweep of the whole dealer is queued, the way the minute tick does it.
    await boss.start();
    await boss.send("mirror-sync", { dealerLinkId: linkId }, { singletonKey: linkId });
    const state = async () => ({
      job: (await query<{ state: string }>("SELECT state::text AS state FROM bulk_jobs WHERE id = $1", [jobId]))[0]
        ?.state,
      // Any dealer's sweep: they all spend the one partner budget, and a worker sweeps one link at a time, so
      // acme's may wait behind another link's sweep that the minute tick queued.
      sync: (await query<{ running: boolean }>("SELECT bool_or(state = 'running') AS running FROM mirror_syncs"))[0]
        ?.running
        ? "running"
        : "idle",
    });
    await expect
      .poll(state, { timeout: 30_000, message: "a sweep and the job both run" })
      .toEqual({ job: "running", sync: "running" });

    const t0 = Date.now();
    await confirm.getByRole("button", { name: "Dispatch" }).click();
    await expect(op.getByText("Dispatched. CHeKT recorded the answer.")).toBeVisible({ timeout: 30_000 });
    const answerMs = Date.now() - t0;
    test.info().annotations.push({ type: "answerMs", description: String(answerMs) });
    console.log(`[mirror-children] answer accepted ${answerMs} ms after the click, during a bulk job and a sweep`);
    const verifications = await simVerifications(e2eSim);
    expect(verifications.find((v) => v.verification_id === raised.verification.verification_id)?.answer?.action).toBe(
      "dispatch",
    );
    // No time is asserted (the machine's load decides it; the team bench measures answers against the
    // 2 s goal): what proves the answer did not queue behind the bulk job is that the job, 30 chunks on
    // the free tier, was still running when CHeKT had the answer.
    expect((await state()).job, "the job was still running after the answer").toBe("running");

    // The job ends with every device provisioned and mirrored (write-through from its results).
    await expect(installer.getByTestId("job-pct")).toHaveText("100%", { timeout: 240_000 });
    await expect(installer.getByTestId("job-succeeded")).toHaveText(String(BULK));
    const [mirrored] = await query<{ n: number }>(
      "SELECT count(*)::int AS n FROM mirror_devices WHERE dealer_link_id = $1 AND external_id LIKE $2",
      [linkId, `e2e-mcb-${stamp}-%`],
    );
    expect(mirrored!.n).toBe(BULK);
  } finally {
    await boss.stop({ graceful: false, wait: false }).catch(() => undefined);
    await restoreRateLimit();
    await opCtx.close();
    await bulkCtx.close();
  }
});
