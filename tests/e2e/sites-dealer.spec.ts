// An admin connects CHeKT dealer 3 (coastal-guard) through CHeKT's own approval page (the
// simulator's /oauth/authorize, authorization code + PKCE), then disconnects it again.
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./setup";
import { expectNoSeriousA11y, screenshotsTo } from "./setup/page-checks";
import { defaultRateLimit, expectToast, roomyRateLimit } from "./sites-helpers";

const shots = screenshotsTo("/tmp/shots/dealer", { prefix: "dealer-", makeDir: true });

test.beforeAll(roomyRateLimit);
test.afterAll(defaultRateLimit);

/** An admin starts connecting a dealer; returns CHeKT's approval page URL (it carries our PKCE and state). */
async function startConnect(page: Page, dealerId: string, companyName: string): Promise<URL> {
  await signIn(page, "admin", "/dealer");
  await page.getByLabel("Dealer ID (yours)").fill(dealerId);
  await page.getByRole("textbox", { name: "Company name", exact: true }).last().fill(companyName);
  await page.getByRole("button", { name: "Connect with CHeKT" }).click();
  await expect(page).toHaveURL(/\/oauth\/authorize\?/);
  return new URL(page.url());
}

test("admin: connect coastal-guard through the approval page, then disconnect it", async ({ page }) => {
  const url = await startConnect(page, "coastal-guard", "Coastal Guard");
  // CHeKT's page: the dealer's own admin signs in and approves.
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

test("admin: a callback without a code says so and shows the trace ID the audit row carries", async ({ page }) => {
  const approval = await startConnect(page, "trace-check", "Trace Check");
  // CHeKT comes back with our state but no code: the console must not connect, and says why with a trace ID.
  const state = approval.searchParams.get("state") ?? "";
  await page.goto(`/api/dealers/callback?state=${encodeURIComponent(state)}`);
  await expect(page).toHaveURL(/connect=failed/);
  const outcome = page.getByRole("alert").filter({ hasText: "Connection failed" });
  await expect(outcome).toBeVisible();
  const trace = new URL(page.url()).searchParams.get("trace") ?? "";
  expect(trace).toMatch(/^[0-9a-f-]{36}$/);
  await expect(outcome.getByText("Trace ID for support:")).toContainText(trace);
  await expect(page.getByRole("row", { name: /Trace Check/ })).toHaveCount(0);
  await expectNoSeriousA11y(page);
  await shots(page, "callback-failed");

  // The same trace ID names the refused attempt in the audit log, where support looks it up.
  await page.goto(`/audit?object=${encodeURIComponent(trace)}`);
  const audited = page.getByRole("row", { name: /dealer\.connect/ });
  await expect(audited).toHaveCount(1);
  await expect(audited).toContainText("no code in the callback");
  await expect(audited).toContainText(trace);
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
