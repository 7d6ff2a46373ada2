// Users and roles in the browser: create, change role, disable (sessions end), reset password
// (one-time password shown once and usable), failed sign-ins shown; own password on /account.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { signIn } from "./setup";
import { runId, shot } from "./admin-helpers";

async function signInWith(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

type NewUser = { email: string; name: string; password: string; role?: string };

/** Fills and sends the Create user form of /users; the form, for what it then says. */
async function createUser(page: Page, u: NewUser) {
  const form = page.getByRole("form", { name: "Create user" });
  await form.getByLabel("Email").fill(u.email);
  await form.getByLabel("Name").fill(u.name);
  if (u.role) await form.getByLabel("Role").selectOption(u.role);
  await form.getByLabel("Initial password").fill(u.password);
  await form.getByRole("button", { name: "Create user" }).click();
  return form;
}

/** Signs in as the admin on /users and creates the user, seeing "Created {email}". */
async function createdByAdmin(page: Page, u: NewUser) {
  await signIn(page, "admin", "/users");
  await createUser(page, u);
  await expect(page.getByText(`Created ${u.email}`)).toBeVisible();
}

async function newContext(browser: Browser) {
  const ctx = await browser.newContext();
  return { ctx, page: await ctx.newPage() };
}

test("as an admin: create a user, change role, reset password, disable; the user's session ends", async ({
  page,
  browser,
}) => {
  const email = `pat-${runId}@example.com`;
  await createdByAdmin(page, { email, name: "Pat Example", role: "viewer", password: "first-password-1" });
  const row = page.locator(`tr[data-email="${email}"]`);
  await expect(row).toBeVisible();

  // Pat signs in elsewhere, with one wrong attempt first (it shows on the users page).
  const pat = await newContext(browser);
  await signInWith(pat.page, email, "wrong-password-1");
  await expect(pat.page.locator("form").getByRole("alert")).toHaveText("Email or password is incorrect.");
  await signInWith(pat.page, email, "first-password-1");
  await expect(pat.page).not.toHaveURL(/sign-in/);

  // Picking changes nothing yet (a keyboard user passes options with the arrows); Save applies it.
  await row.getByLabel(`Role of ${email}`).selectOption("operator");
  await row.getByLabel(`Role of ${email}`).press("ArrowDown");
  await page.reload();
  await expect(row.getByLabel(`Role of ${email}`)).toHaveValue("viewer");
  await row.getByLabel(`Role of ${email}`).selectOption("operator");
  await row.getByRole("button", { name: `Save ${email}'s role` }).click();
  await expect(page.getByText(`${email} is now operator`)).toBeVisible();
  await expect(row.getByRole("button", { name: `Save ${email}'s role` })).toHaveCount(0);
  await expect(row.getByLabel(`Role of ${email}`)).toBeFocused();
  await page.reload();
  await expect(row.getByLabel(`Role of ${email}`)).toHaveValue("operator");
  await expect(row.getByTestId("failed-attempts")).toContainText("1");

  // Reset: the one-time password is shown once and works; Pat's old session ends.
  await row.getByRole("button", { name: "Reset password" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Reset password" }).click();
  const otp = (await page.getByTestId("one-time-password").textContent())!.trim();
  expect(otp).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{16}$/);
  await shot(page, "users-otp");
  await page.getByRole("button", { name: "Done" }).click();
  await pat.page.goto("/sites");
  await expect(pat.page).toHaveURL(/sign-in/);
  await signInWith(pat.page, email, otp);
  await expect(pat.page).not.toHaveURL(/sign-in/);

  // Disable: Pat is signed out on the next page and cannot sign in.
  await row.getByRole("button", { name: "Disable" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Disable" }).click();
  await expect(page.getByText(`${email} is disabled and signed out`)).toBeVisible();
  await pat.page.goto("/sites");
  await expect(pat.page).toHaveURL(/sign-in/);
  await signInWith(pat.page, email, otp);
  await expect(pat.page.locator("form").getByRole("alert")).toHaveText("Email or password is incorrect.");
  await row.getByRole("button", { name: "Enable" }).click();
  await expect(page.getByText(`${email} can sign in again`)).toBeVisible();
  await pat.ctx.close();
  await shot(page, "users");
});

test("as an admin: bad input is explained and nothing is created; you cannot disable yourself", async ({ page }) => {
  await signIn(page, "admin", "/users");
  const form = await createUser(page, { email: `short-${runId}@example.com`, name: "Short", password: "short" });
  await expect(form.getByText("Use at least 10 characters")).toBeVisible();
  await expect(page.locator(`tr[data-email="short-${runId}@example.com"]`)).toHaveCount(0);
  const me = page.locator("tr", { has: page.getByText("You", { exact: true }) });
  await expect(me.getByRole("button", { name: "Disable" })).toBeDisabled();
  // Why, in words on the row (a tooltip on a disabled button shows on no phone and to no keyboard).
  const why = "You cannot disable yourself or remove yourself from this dealer.";
  await expect(me.getByText(why)).toBeVisible();
  await expect(me.getByRole("button", { name: "Remove from dealer" })).toHaveAccessibleDescription(why);
  await expect(me.locator("[title]")).toHaveCount(0);
});

for (const role of ["viewer", "operator"] as const) {
  test(`as ${role}: users, audit, webhook log and drift are refused`, async ({ page }) => {
    await signIn(page, role);
    for (const path of ["/users", "/audit", "/webhook-log", "/drift"]) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(403);
    }
    const res = await page.request.get("/api/audit/export");
    expect(res.status()).toBe(403);
    expect(await res.json()).toEqual({ error: { code: "forbidden", message: "Only an admin can do this." } });
  });
}

test("any signed-in user changes their own password on /account (current password required)", async ({
  page,
  browser,
}) => {
  // A user of our own, so the shared seeded users keep their passwords.
  const email = `self-${runId}@example.com`;
  await createdByAdmin(page, { email, name: "Self Service", password: "initial-password-1" });

  const me = await newContext(browser);
  await signInWith(me.page, email, "initial-password-1");
  await expect(me.page).not.toHaveURL(/sign-in/);
  await me.page.goto("/account");
  const pw = me.page.getByRole("form", { name: "Change password" });
  await pw.getByLabel("Current password").fill("not-my-password");
  await pw.getByLabel(/^New password\W*$/).fill("brand-new-password");
  await pw.getByLabel("New password again").fill("brand-new-password");
  await pw.getByRole("button", { name: "Change password" }).click();
  await expect(pw.getByText("Not your current password")).toBeVisible();
  await pw.getByLabel("Current password").fill("initial-password-1");
  await pw.getByRole("button", { name: "Change password" }).click();
  await expect(me.page.getByText("Password changed")).toBeVisible();
  await shot(me.page, "account");
  await me.ctx.close();

  const again = await newContext(browser);
  await signInWith(again.page, email, "brand-new-password");
  await expect(again.page).not.toHaveURL(/sign-in/);
  await again.ctx.close();
});
