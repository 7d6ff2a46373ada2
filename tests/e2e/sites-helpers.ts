// Shared by the sites specs: the test's own Partner API calls (to arrange state CHeKT-side, the way
// another CHeKT user would) and a roomier rate limit while these specs run.
import { expect, type Page } from "@playwright/test";
import { sim } from "./setup";

export { partner } from "./setup/partner";

export const stamp = Date.now().toString(36);

type RateLimit = { rateLimitPerMin: number; rateLimitBurstPerS: number };
let before: RateLimit | undefined;
export async function roomyRateLimit() {
  // An empty PATCH answers the current config, so the specs after these get back what they had.
  const current = (await sim("/_sim/config", { method: "PATCH", body: {} })) as RateLimit;
  before = { rateLimitPerMin: current.rateLimitPerMin, rateLimitBurstPerS: current.rateLimitBurstPerS };
  await sim("/_sim/config", { method: "PATCH", body: { rateLimitPerMin: 1200, rateLimitBurstPerS: 50 } });
}
export async function defaultRateLimit() {
  await sim("/_sim/config", { method: "PATCH", body: before ?? { rateLimitPerMin: 60, rateLimitBurstPerS: 5 } });
}

/** The toast that confirms a change. */
export async function expectToast(page: Page, text: string | RegExp) {
  await expect(page.locator("[data-sonner-toast]").filter({ hasText: text }).first()).toBeVisible();
}
