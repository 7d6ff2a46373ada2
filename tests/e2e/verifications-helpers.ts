// Shared by the alarm-desk specs: open the queue and wait for the live stream, raise alarms on the
// simulator, find rows, scan with axe, and save laptop + phone screenshots (copied to
// /tmp/shots/desk/ when that folder exists, for a human look).
import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { sim } from "./setup";

export type Raised = { alarm: { id: string }; verification: { verification_id: string; contact_id: number } };

export const row = (page: Page, id: string) =>
  page.locator(`[data-testid="verification-row"][data-verification-id="${id}"]`);

export async function openQueue(page: Page, path = "/verifications") {
  await page.goto(path);
  await expect(page.getByRole("heading", { name: "Verifications" })).toBeVisible();
  // Wait until the live stream is connected before raising anything.
  await expect(page.getByText("Live", { exact: true })).toBeVisible({ timeout: 20_000 });
}

export async function raise(body: {
  site_id: number;
  expires_in_s?: number;
  trigger?: string;
  priority?: string;
  description?: string;
}): Promise<Raised> {
  return (await sim("/_sim/alarms", { body: { expires_in_s: 300, ...body } })) as Raised;
}

export async function clearFaults() {
  await sim("/_sim/faults", { method: "DELETE" });
}

/** No serious or critical axe violation inside `selector` (or the page); the message lists them. */
export async function expectAccessible(page: Page, selector?: string) {
  let builder = new AxeBuilder({ page });
  if (selector) builder = builder.include(selector);
  const { violations } = await builder.analyze();
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    bad.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")}`,
    ),
  ).toEqual([]);
}

const SHOTS = "/tmp/shots/desk";

/** Screenshots at laptop (1366×900) and phone (390×844) size. */
export async function shots(page: Page, name: string, fullPage = true) {
  const before = page.viewportSize();
  for (const [label, size] of [
    ["laptop", { width: 1366, height: 900 }],
    ["phone", { width: 390, height: 844 }],
  ] as const) {
    await page.setViewportSize(size);
    const file = test.info().outputPath(`desk-${name}-${label}.png`);
    await page.screenshot({ path: file, fullPage });
    if (fs.existsSync(SHOTS)) fs.copyFileSync(file, `${SHOTS}/${name}-${label}.png`);
  }
  if (before) await page.setViewportSize(before);
}
