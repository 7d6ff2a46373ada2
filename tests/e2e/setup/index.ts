// What every spec needs to know about the stack `npm test` started for it.
import { expect, type BrowserContext, type Page } from "@playwright/test";

export type Role = "admin" | "operator" | "viewer";

function required(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(
      `${name} is not set: run the end-to-end tests through \`npm test\` ` +
        "(scripts/test.ts starts the app and the simulator)",
    );
  return value;
}

/** The app under test, e.g. http://localhost:3217 (also Playwright's baseURL). */
export const appUrl = () => required("E2E_BASE_URL");
/** The CHeKT simulator the app talks to; its control API is under /_sim/. */
export const simUrl = () => required("E2E_SIM_URL");
/** Bearer token for the simulator's /_sim/* control API. */
export const simAdminToken = () => required("E2E_SIM_ADMIN_TOKEN");

export function credentials(role: Role): { email: string; password: string } {
  const key = role.toUpperCase();
  return { email: required(`E2E_${key}_EMAIL`), password: required(`E2E_${key}_PASSWORD`) };
}

/** Signs in through the real sign-in page and waits until the console has loaded. */
export async function signInThroughForm(page: Page, role: Role, next = "/"): Promise<void> {
  const { email, password } = credentials(role);
  await page.goto(`/sign-in${next === "/" ? "" : `?callbackUrl=${encodeURIComponent(next)}`}`);
  await page.getByLabel(/email/i).fill(email);
  await page.getByLabel(/password/i).fill(password);
  await page.getByRole("button", { name: /sign in/i }).click();
  // The password check is bcrypt and the first page renders on the server: seconds on a busy machine.
  await expect(page).not.toHaveURL(/\/sign-in/, { timeout: 30_000 });
  // Loaded as far as a page.goto(next) would have it, so a spec needs no second visit of `next`.
  await page.waitForLoadState("load");
  const session = (await page.context().cookies()).filter((c) => SESSION_COOKIE.test(c.name));
  if (session.length) sessions.set(role, session);
}

type Cookie = Awaited<ReturnType<BrowserContext["cookies"]>>[number];
/** next-auth's session cookie (or its chunks); only it: the dealer switcher's cookie stays per test. */
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;
/** The session each role last signed in with, in this worker (each worker drives a stack of its own). */
const sessions = new Map<Role, Cookie[]>();

/**
 * Opens `next` signed in as `role`: with the session this role's last sign-in through the form opened
 * (the server still checks it on every request), else, or when the server no longer accepts it (signed
 * out, password changed, idle), through the form. One bcrypt sign-in per role and run instead of one
 * per test; the sign-in itself is tested in auth-sign-in.spec.ts and the other auth-* specs.
 */
export async function signIn(page: Page, role: Role, next = "/"): Promise<void> {
  const session = sessions.get(role);
  if (session) {
    await page.context().addCookies(session);
    await page.goto(next);
    if (!new URL(page.url()).pathname.startsWith("/sign-in")) return;
    sessions.delete(role);
    await page.context().clearCookies({ name: SESSION_COOKIE });
  }
  await signInThroughForm(page, role, next);
}

/**
 * The freshness line's age (lib/utc-text.ts utcBrief): the time alone when it is today in UTC, the date too
 * when not — which a run crossing midnight UTC sees for a mirror read before it.
 */
export const AS_OF = /As of (\d{4}-\d{2}-\d{2} )?\d{2}:\d{2} UTC/;

/** The e2e stack's simulator, for the typed control calls of tests/support/sim-control.ts. */
export const e2eSim = {
  get url() {
    return simUrl();
  },
  get token() {
    return simAdminToken();
  },
};
