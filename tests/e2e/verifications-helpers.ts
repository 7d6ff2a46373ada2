// Shared by the alarm-desk specs: open the queue and wait for the live stream, raise alarms on the
// simulator, find rows, scan with axe, and save laptop + phone screenshots (copied to
// /tmp/shots/desk/ when that folder exists, for a human look).
import type { ControlBody } from "../../simulator/control-body";
import { expect, type Locator, type Page } from "@playwright/test";
import { signIn, e2eSim } from "./setup";
import { type SimRaisedAlarm, clearSimFaults, simRaiseAlarm } from "../support/sim-control";
import { expectNoSeriousA11y, screenshotsTo } from "./setup/page-checks";

export const row = (page: Page, id: string) =>
  page.locator(`[data-testid="verification-row"][data-verification-id="${id}"]`);

/** The operator signed in on the queue, its live stream connected. */
export async function signInToQueue(page: Page) {
  await signIn(page, "operator", "/verifications");
  await queueLive(page);
}

export async function openQueue(page: Page, path = "/verifications") {
  await page.goto(path);
  await queueLive(page);
}

/** The queue `page` is on (e.g. where signIn() opened it) shows, its live stream connected. */
export async function queueLive(page: Page) {
  await expect(page.getByRole("heading", { name: "Verifications" })).toBeVisible();
  // Wait until the live stream is connected before raising anything.
  await expect(page.getByText("Live", { exact: true })).toBeVisible({ timeout: 20_000 });
}

/** Raises an alarm (five minutes to answer unless `body` says) as a device of `body.site_id` would. */
export async function raise(body: ControlBody<"alarm"> & { site_id: number }): Promise<SimRaisedAlarm> {
  return simRaiseAlarm(e2eSim, { expires_in_s: 300, ...body });
}

/** An alarm's body but for its site and description, which every raise names. */
type AlarmOptions = Omit<Parameters<typeof raise>[0], "site_id" | "description">;

/** Raises an alarm on `site` and waits for its row in `page`'s queue: the alarm, its id and its row. */
export async function raiseShown(page: Page, site: number, description: string, opts: AlarmOptions = {}) {
  const raised = await raise({ site_id: site, description, ...opts });
  const id = raised.verification.verification_id;
  const shown = row(page, id);
  await expect(shown).toBeVisible({ timeout: 15_000 });
  return { ...raised, id, row: shown };
}

/**
 * Dispatch… on `detail` (the alarm `page` has opened and claimed), once the contact CHeKT named is preselected,
 * and "Police dispatched" ticked in the picker that opens: the picker, its Dispatch button not yet pressed.
 */
export async function pickPoliceDispatch(page: Page, detail: Locator) {
  await expect(page.getByLabel("Contact who handled it")).not.toHaveValue("", { timeout: 15_000 });
  await detail.getByRole("button", { name: "Dispatch…" }).click();
  const picker = page.getByRole("dialog").filter({ hasText: "Dispatch responders?" });
  await expect(picker).toBeVisible();
  await picker.getByRole("radio", { name: "Police dispatched" }).check();
  return picker;
}

export async function clearFaults() {
  await clearSimFaults(e2eSim);
}

/** No serious or critical axe violation inside `selector` (or the page); the message lists them. */
export const expectAccessible = expectNoSeriousA11y;

/** Where the desk's screenshots are copied for a person to look at (when the folder exists). */
export const SHOTS = "/tmp/shots/desk";
const wholePage = screenshotsTo(SHOTS, { prefix: "desk-" });
const viewportOnly = screenshotsTo(SHOTS, { prefix: "desk-", fullPage: "none" });

/** Screenshots at laptop (1366×900) and phone (390×844) size; `fullPage` false: what the viewport shows. */
export function shots(page: Page, name: string, fullPage = true) {
  return (fullPage ? wholePage : viewportOnly)(page, name);
}
