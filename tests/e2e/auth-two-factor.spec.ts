// Two-factor sign-in in the browser: set up under Account (QR, key and URI shown), sign in with a
// code from the app, then with a recovery code (which works once); a dealer admin requiring it
// sends a member without it to the setup page before anything else.
import { expect, test, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { expectNoSeriousA11y, newMember, shots, signInWith, sql } from "./auth-helpers";

const password = "two-factor-pass-1";
/** The authenticator app: a code for `offsetSteps` periods from now (each step's code works once). */
const code = (secret: string, offsetSteps = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret.replace(/\s+/g, "")), digits: 6, period: 30 }).generate({
    timestamp: Date.now() + offsetSteps * 30_000,
  });

/** The real sign-out (ends the sessions server-side). Clearing cookies is not enough: a request
 * still in flight from the last page can set the rolling session cookie again. */
async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).first().click();
  await expect(page).toHaveURL(/\/sign-in/);
}

/** After the password: the code step, or the sign-in form's own message saying why not. */
async function expectCodeStep(page: Page) {
  const codeField = page.locator('input[name="code"]');
  const alert = page.locator("form").getByRole("alert");
  try {
    await expect(codeField.or(alert)).toBeVisible({ timeout: 30_000 });
  } catch {
    throw new Error(
      `expected the code step; at ${page.url()} the page says: ` +
        (await page.locator("body").innerText()).slice(0, 600),
    );
  }
  if (await alert.isVisible()) throw new Error(`expected the code step, the form says: ${await alert.textContent()}`);
}

test.afterAll(async () => {
  // Other specs' users must never be asked for a second factor.
  await sql(`update dealer_links set require_two_factor = false`);
});

test("set up under Account, sign in with a code, then with a recovery code that works once", async ({ page }) => {
  const { email, id } = await newMember("totp", password);
  await signInWith(page, email, password);
  await expect(page).not.toHaveURL(/\/sign-in/);

  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "Two-factor sign-in" })).toBeVisible();
  await expectNoSeriousA11y(page);
  await page.getByRole("link", { name: "Set up two-factor sign-in" }).click();
  await expect(page).toHaveURL(/\/sign-in\/two-factor/);
  await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  await page.getByText("Setup link (otpauth URI)").click();
  await expect(page.getByTestId("otpauth-uri")).toContainText(`otpauth://totp/`);
  // Set up by choice: the way out goes back to Account, not out of the console.
  await expect(page.getByRole("button", { name: "Sign out instead" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Not now, back to the console" })).toHaveAttribute("href", "/account");
  await expectNoSeriousA11y(page);
  await shots(page, "two-factor-setup");

  await page.getByLabel("Code from the app").fill("123456");
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await expect(page.locator("form").getByRole("alert")).toContainText("That code is not right");
  const refusal = await page.locator("form").getByRole("alert").textContent();
  await page.getByLabel("Code from the app").fill(code(secret));
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  const list = page.getByRole("list", { name: "Recovery codes" });
  await expect(list.getByRole("listitem")).toHaveCount(10);
  const recovery = (await list.getByRole("listitem").allTextContents()).map((c) => c.trim());
  await shots(page, "two-factor-recovery-codes");
  // Both tries are on the record, each with its trace id: the refused code, then the enrolment.
  const audit = await sql<{ outcome: string; error: string | null; trace_id: string | null }>(
    `select outcome, error, trace_id from audit_log
      where action = 'account.two_factor_enable' and external_id = $1 order by id`,
    [id],
  );
  expect(audit.map((r) => [r.outcome, r.error])).toEqual([
    ["failure", expect.stringContaining("That code is not right")],
    ["success", null],
  ]);
  for (const r of audit) expect(r.trace_id).toMatch(/^[0-9a-f-]{36}$/);
  // The message the user saw names the refusal's trace, so support can find the row.
  expect(refusal).toContain(audit[0]!.trace_id);
  await page.getByRole("link", { name: /I have saved them/ }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId("two-factor-status")).toContainText("10 recovery codes left");

  // Sign in again: the password alone is not enough.
  await signOut(page);
  await signInWith(page, email, password);
  await expectCodeStep(page);
  await expect(page).toHaveURL(/\/sign-in/);
  await expectNoSeriousA11y(page);
  await shots(page, "sign-in-code-step");
  await page.locator('input[name="code"]').fill("000000");
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText(/That code is not right/);
  // The enrolment used this period's code: the app's next one.
  await page.locator('input[name="code"]').fill(code(secret, 1));
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);

  // A recovery code signs in once.
  await signOut(page);
  await signInWith(page, email, password);
  await expectCodeStep(page);
  await page.locator('input[name="code"]').fill(recovery[0]!.toLowerCase());
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
  await page.goto("/account");
  await expect(page.getByTestId("two-factor-status")).toContainText("9 recovery codes left");

  await signOut(page);
  await signInWith(page, email, password);
  await expectCodeStep(page);
  await page.locator('input[name="code"]').fill(recovery[0]!);
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText(/That code is not right/);
  await expect(page).toHaveURL(/\/sign-in/);
});

test("a dealer admin requires two-factor: members without it (the admin too) are sent to set it up first", async ({
  page,
  browser,
}) => {
  const admin = await newMember("dealer-admin", password, "admin");
  await signInWith(page, admin.email, password);
  await expect(page).not.toHaveURL(/\/sign-in/);
  await page.goto("/account");
  const toggle = page.getByLabel("Require two-factor sign-in for Acme Security");
  await expect(toggle).not.toBeChecked();
  await shots(page, "account-dealer-policy");
  // A controlled switch: it shows the stored setting once the server has answered.
  await toggle.click();
  await expect(page.getByText("Acme Security now requires two-factor sign-in")).toBeVisible();
  const [audit] = await sql<{ after: { requireTwoFactor: boolean } }>(
    `select after from audit_log where action = 'dealer.require_two_factor' order by id desc limit 1`,
  );
  expect(audit?.after).toEqual({ requireTwoFactor: true });
  // The admin works for the dealer too: their next page is the setup.
  await page.goto("/account");
  await expect(page).toHaveURL(/\/sign-in\/two-factor/);

  const member = await newMember("required", password, "viewer");
  const ctx = await browser.newContext();
  const other = await ctx.newPage();
  await signInWith(other, member.email, password);
  await expect(other).toHaveURL(/\/sign-in\/two-factor/);
  await expect(other.getByText("A dealer you work for requires a code from your phone")).toBeVisible();
  // Required: no way back into the console, only out of it.
  await expect(other.getByRole("link", { name: "Not now, back to the console" })).toHaveCount(0);
  await expect(other.getByRole("button", { name: "Sign out instead" })).toBeVisible();
  // Nothing else opens until it is done.
  await other.goto("/sites");
  await expect(other).toHaveURL(/\/sign-in\/two-factor/);
  expect((await other.request.get("/api/live/verifications/list")).status()).toBe(401);
  const secret = (await other.getByTestId("totp-secret").textContent())!.trim();
  await other.getByLabel("Code from the app").fill(code(secret));
  await other.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await other.getByRole("link", { name: /I have saved them/ }).click();
  await other.goto("/sites");
  await expect(other).toHaveURL(/\/sites/);
  await ctx.close();
});
