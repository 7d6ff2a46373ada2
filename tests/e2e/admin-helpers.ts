// Shared by the admin specs: the configured secrets (to prove they never reach a page) and the
// simulator's control API for minting CHeKT App keys.
import fs from "node:fs";
import path from "node:path";
import { parse } from "dotenv";
import { expect, type Page } from "@playwright/test";
import { sim, simUrl } from "./setup";

const example = parse(fs.readFileSync(path.resolve(process.cwd(), ".env.example")));
/** Secret values the app under test is configured with (npm test starts it from .env.example). */
export const CONFIGURED_SECRETS = [example.CHEKT_CLIENT_SECRET, example.CHEKT_API_KEY, example.CHEKT_WEBHOOK_SECRET, example.AUTH_SECRET, example.SECRETS_ENCRYPTION_KEY].filter(Boolean) as string[];

export async function expectNoSecretsIn(page: Page, extra: string[] = []) {
  const html = await page.content();
  for (const secret of [...CONFIGURED_SECRETS, ...extra]) expect(html, "a secret value reached the page").not.toContain(secret);
}

export type SimApp = { id: string; api_key: string; signing_secret: string };
export async function mintApp(dealerId: number, scopes: string[]): Promise<SimApp> {
  return (await sim("/_sim/apps", { body: { dealer_id: dealerId, scopes, name: `e2e-admin-${scopes.join("-") || "none"}` } })) as SimApp;
}

/** Spends the key's burst until CHeKT answers 429 (the next call right after is refused too). */
export async function exhaust(apiKey: string) {
  for (let i = 0; i < 300; i++) {
    const res = await fetch(`${simUrl()}/v1/devices?limit=1`, { headers: { authorization: `Bearer ${apiKey}` } });
    if (res.status === 429) return;
  }
  throw new Error("the simulator never rate limited the key");
}

/** Full-page screenshots for looking at the pages (ADMIN_SCREENS_DIR, default test-results/admin-screens). */
export async function shot(page: Page, name: string) {
  const dir = process.env.ADMIN_SCREENS_DIR || "test-results/admin-screens";
  await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

/** Unique per run, so specs can be re-run against the same database. */
export const runId = Date.now().toString(36);
