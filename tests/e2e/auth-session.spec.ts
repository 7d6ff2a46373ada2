// Disabling a user or bumping their session version (password reset) ends a session that is
// already open: the next page they open sends them to sign-in. Uses its own user.
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { hashPassword } from "../../lib/auth/password";

const password = "session-test-pass-1";

async function sql(text: string, params: unknown[]) {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    await client.query(text, params);
  } finally {
    await client.end();
  }
}

async function newUser(tag: string): Promise<string> {
  const email = `session-${tag}-${Date.now()}@example.com`;
  await sql(
    `insert into users (id, email, name, password_hash, role, updated_at) values ($1, $2, $3, $4, 'operator', now())`,
    [`sess_${tag}_${Date.now()}`, email, `Session ${tag}`, await hashPassword(password)],
  );
  return email;
}

async function signInAs(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toContainText(email);
}

test("a password reset (session version bump) ends the open session", async ({ page }) => {
  const email = await newUser("reset");
  await signInAs(page, email);
  await sql(`update users set session_version = session_version + 1 where email = $1`, [email]);
  await page.goto("/sites?page=2");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fsites%3Fpage%3D2$/);
  // Signing in again works and lands where they were going.
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/sites\?page=2$/);
});

test("a disabled user is signed out at once and cannot sign in again", async ({ page }) => {
  const email = await newUser("disabled");
  await signInAs(page, email);
  await sql(`update users set disabled_at = now() where email = $1`, [email]);
  await page.reload();
  await expect(page).toHaveURL(/\/sign-in/);
  // Route handlers refuse too.
  const res = await page.request.get("/api/live/verifications/list");
  expect(res.status()).toBe(401);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText("Email or password is incorrect.");
});
