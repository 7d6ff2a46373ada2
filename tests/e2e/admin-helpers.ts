// Shared by the admin specs: the configured secrets (to prove they never reach a page) and the
// simulator's control API for minting CHeKT App keys.
import { expect, type Page } from "@playwright/test";
import { EXAMPLE_SECRETS, SECRET_NAMES, type SecretName } from "../../lib/env-secrets";
import { simUrl, e2eSim } from "./setup";
import { simNewApp } from "../support/sim-control";
import { shotAsIs } from "./setup/page-checks";

/**
 * A secret the app under test runs with. npm test's e2e stage generates them per run (next start
 * refuses the public .env.example values) and passes the same ones to Playwright's environment.
 */
export function runningSecret(name: SecretName): string {
  const value = process.env[name];
  if (!value)
    throw new Error(
      `${name} is not in the e2e environment: ` +
        "run the specs through npm test (scripts/test.ts passes the app's secrets)",
    );
  return value;
}
/** Every configured secret value, running and example alike: none may ever reach a page. */
export const configuredSecrets = (): string[] => [
  ...SECRET_NAMES.map(runningSecret),
  ...Object.values(EXAMPLE_SECRETS),
];

export async function expectNoSecretsIn(page: Page, extra: string[] = []) {
  const html = await page.content();
  for (const secret of [...configuredSecrets(), ...extra])
    expect(html, "a secret value reached the page").not.toContain(secret);
}

/** A new CHeKT App of `dealerId` holding `scopes`, with its key and signing secret. */
export const mintApp = (dealerId: number, scopes: string[]) =>
  simNewApp(e2eSim, { dealer_id: dealerId, scopes, name: `e2e-admin-${scopes.join("-") || "none"}` });

/** Spends the key's burst until CHeKT answers 429 (the next call right after is refused too). */
export async function exhaust(apiKey: string) {
  for (let i = 0; i < 300; i++) {
    const res = await fetch(`${simUrl()}/v1/devices?limit=1`, { headers: { authorization: `Bearer ${apiKey}` } });
    if (res.status === 429) return;
  }
  throw new Error("the simulator never rate limited the key");
}

/** Where the admin pages' screenshots are copied for a person to look at. */
export const ADMIN_SCREENS = process.env.ADMIN_SCREENS_DIR || "test-results/admin-screens";

/** A full-page screenshot at the size the page has now, copied to ADMIN_SCREENS. */
export const shot = (page: Page, name: string) =>
  shotAsIs(page, name, { fullPage: true, dir: ADMIN_SCREENS, makeDir: true });

/** Unique per run, so specs can be re-run against the same database. */
export const runId = Date.now().toString(36);
