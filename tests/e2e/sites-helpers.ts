// Shared by the sites specs: the test's own Partner API calls (to arrange state CHeKT-side, the way
// another CHeKT user would) and a roomier rate limit while these specs run.
import { expect, type Page } from "@playwright/test";
import { sim, simUrl } from "./setup";

let token: string | null = null;

async function partnerToken(): Promise<string> {
  if (token) return token;
  const { DEMO } = await import("../../simulator/seed");
  const res = await fetch(`${simUrl()}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: DEMO.partner.clientId, client_secret: DEMO.partner.clientSecret }),
  });
  expect(res.ok).toBe(true);
  token = ((await res.json()) as { access_token: string }).access_token;
  return token;
}

/** A Partner API call on dealer 1 that waits out a 429 like the app does. */
export async function partner<T = unknown>(path: string, method = "GET", body?: unknown): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${simUrl()}/partner/v1/dealers/1${path}`, {
      method,
      headers: { authorization: `Bearer ${await partnerToken()}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status === 429 && attempt < 30) {
      await new Promise((r) => setTimeout(r, Number(res.headers.get("retry-after") ?? 1) * 1000));
      continue;
    }
    expect(res.ok, `${method} ${path}: ${res.status}`).toBe(true);
    return (res.status === 204 ? null : await res.json()) as T;
  }
}

export const stamp = Date.now().toString(36);

/** These specs click through many pages; a paid-tier bucket keeps them from waiting on the free one. */
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
