// An admin connects CHeKT dealer 3 (coastal-guard) through CHeKT's own approval page (the
// simulator's /oauth/authorize, authorization code + PKCE), then disconnects it again.
import { expect, test } from "@playwright/test";
import { signIn } from "./setup";
import { defaultRateLimit, expectToast, roomyRateLimit } from "./sites-helpers";

test.beforeAll(roomyRateLimit);
test.afterAll(defaultRateLimit);

test("admin: connect coastal-guard through the approval page, then disconnect it", async ({ page }) => {
  await signIn(page, "admin", "/dealer");
  await page.getByLabel("Dealer ID (yours)").fill("coastal-guard");
  await page.getByRole("textbox", { name: "Company name", exact: true }).last().fill("Coastal Guard");
  await page.getByRole("button", { name: "Connect with CHeKT" }).click();

  // CHeKT's page: the dealer's own admin signs in and approves.
  await expect(page).toHaveURL(/\/oauth\/authorize\?/);
  const url = new URL(page.url());
  expect(url.searchParams.get("code_challenge_method")).toBe("S256");
  expect(url.searchParams.get("state")?.length).toBeGreaterThan(20);
  await page.getByLabel("Email").fill("admin@coastal.example");
  await page.getByLabel("Password").fill("chekt-demo");
  await page.getByRole("button", { name: "Sign in and approve" }).click();

  await expect(page).toHaveURL(/\/dealer\?connect=connected/);
  await expect(
    page.getByRole("alert").or(page.getByRole("status")).filter({ hasText: "Dealer connected" }),
  ).toBeVisible();
  await expect(page.getByTestId("dealer-title")).toHaveText("Coastal Guard");
  await expect(page.getByRole("row", { name: /Coastal Guard/ })).toContainText("Connected");

  // Its sites arrive with the first sync, queued by the callback (the list re-renders while it runs).
  await page.goto("/sites");
  await expect(page.getByTestId("site-row").first()).toBeVisible({ timeout: 30_000 });

  // Disconnect asks for the dealer's name.
  await page.goto("/dealer");
  await page.getByRole("button", { name: "Disconnect" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel(/Type .* to confirm/).fill("Coastal Guard");
  await dialog.getByRole("button", { name: "Disconnect dealer" }).click();
  await expectToast(page, "Coastal Guard disconnected");
  // History is kept; the console falls back to a dealer still connected.
  await expect(page.getByRole("row", { name: /Coastal Guard/ })).toContainText("Disconnected");
  await expect(page.getByTestId("dealer-title")).not.toHaveText("Coastal Guard");
});

test("admin: a state that does not match is refused and nothing is connected", async ({ page }) => {
  await signIn(page, "admin", "/dealer");
  await page.goto("/api/dealers/callback?code=forged&state=not-the-one-we-sent-0123456789");
  await expect(page).toHaveURL(/connect=state/);
  await expect(page.getByText("Connection not finished")).toBeVisible();
});

test("admin: the dealer profile rejects a bad email before sending and saves a good one", async ({ page }) => {
  await signIn(page, "admin", "/dealer");
  const email = page.getByLabel("Email", { exact: true });
  const original = await email.inputValue();
  await email.fill("not-an-email");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Email is not a valid email address")).toBeVisible();
  await email.fill("desk@acme.example");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expectToast(page, "Dealer profile saved");
  await page.reload();
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue("desk@acme.example");
  await page.getByLabel("Email", { exact: true }).fill(original);
  await page.getByRole("button", { name: "Save profile" }).click();
  await expectToast(page, "Dealer profile saved");
});
