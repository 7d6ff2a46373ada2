// Repeated failures slow an account down and then lock it, and a locked account refuses even the
// right password until the lock ends. Uses its own user so the seeded ones stay usable.
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { hashPassword } from "../../lib/auth/password";

const email = `lockout-${Date.now()}@example.com`;
const password = "right-password-123";

test.beforeAll(async () => {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  await client.query(
    `insert into users (id, email, name, password_hash, role, updated_at) values ($1, $2, 'Lockout Test', $3, 'viewer', now())`,
    [`lockout_${Date.now()}`, email, await hashPassword(password)],
  );
  await client.end();
});

async function attempt(page: Page, pw: string): Promise<string> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(pw);
  await page.getByRole("button", { name: "Sign in" }).click();
  const alert = page.locator("form").getByRole("alert");
  await expect(alert).toBeVisible();
  // Wait for this attempt's answer (the button is enabled again when the action has returned).
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  return (await alert.textContent()) ?? "";
}

test("five failures slow the account down, ten lock it, even for the right password", async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto("/sign-in");
  const seen: string[] = [];
  for (let failures = 0; failures < 10; ) {
    const text = await attempt(page, `wrong-${failures}`);
    seen.push(text);
    const wait = /Wait (\d+) seconds?/.exec(text);
    if (wait) {
      // Slowed down: nothing was checked; wait as told and try again.
      await page.waitForTimeout(Number(wait[1]) * 1000 + 200);
      continue;
    }
    expect(text).toBe("Email or password is incorrect.");
    failures++;
  }
  // The first four failures cost nothing; the fifth brings the first delay.
  expect(seen.slice(0, 5)).toEqual(Array(5).fill("Email or password is incorrect."));
  expect(seen.some((t) => /^Too many failed attempts\. Wait \d+ seconds? and try again\.$/.test(t))).toBe(true);

  const locked = await attempt(page, password);
  expect(locked).toMatch(/sign-in is locked for about 15 minutes\. Try again after \d\d:\d\d UTC\./);
  await expect(page).toHaveURL(/\/sign-in/);
});
