// Dealers kept apart, in the browser: the organisation owner adds a person to dealer 1 (Acme) only;
// that person sees only Acme (no switcher to Northwind), gets the 404 page for a Northwind site's
// address, and a hand-set dealer cookie naming Northwind changes nothing. The owner still sees both.
import fs from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectAccessible } from "./devices-helpers";
import { simUrl, signIn } from "./setup";

const stamp = Date.now().toString(36);
const SHOTS = "/tmp/shots/tenancy";

async function shots(page: Page, name: string) {
  const before = page.viewportSize();
  for (const [label, size] of [["laptop", { width: 1366, height: 900 }], ["phone", { width: 390, height: 844 }]] as const) {
    await page.setViewportSize(size);
    const file = test.info().outputPath(`tenancy-${name}-${label}.png`);
    await page.screenshot({ path: file, fullPage: true });
    if (fs.existsSync(SHOTS)) fs.copyFileSync(file, `${SHOTS}/${name}-${label}.png`);
  }
  if (before) await page.setViewportSize(before);
}

/** A site of dealer 2 (Northwind), asked of CHeKT's Partner API the way any partner app would. */
async function northwindSiteId(): Promise<number> {
  const { DEMO } = await import("../../simulator/seed");
  const tokenRes = await fetch(`${simUrl()}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: DEMO.partner.clientId, client_secret: DEMO.partner.clientSecret }),
  });
  expect(tokenRes.ok).toBe(true);
  const { access_token } = (await tokenRes.json()) as { access_token: string };
  const res = await fetch(`${simUrl()}/partner/v1/dealers/${DEMO.dealers.northwind.id}/sites?limit=10`, { headers: { authorization: `Bearer ${access_token}` } });
  expect(res.ok).toBe(true);
  const body = (await res.json()) as { data?: Array<{ site_id: number }> } | Array<{ site_id: number }>;
  const list = Array.isArray(body) ? body : (body.data ?? []);
  expect(list.length).toBeGreaterThan(0);
  return list[0].site_id;
}

async function signInAs(browser: Browser, email: string, password: string) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/sign-in/);
  return { ctx, page };
}

test("a member of dealer 1 only sees dealer 1 and gets 404 for a dealer-2 site, whatever the cookie says", async ({ page, browser }) => {
  const email = `solo-${stamp}@example.com`;
  const password = "solo-password-1";

  // The owner sees both dealers in the switcher and adds Solo to the one they work on (Acme).
  await signIn(page, "admin", "/users");
  const switcher = page.getByLabel("Dealer", { exact: true });
  await expect(switcher.locator("option")).toHaveText(["Acme Security", "Northwind Alarms"]);
  // A fresh browser works on the first dealer (lowest CHeKT id).
  await expect(switcher.locator("option:checked")).toHaveText("Acme Security");
  const northwindLinkId = await switcher.locator("option", { hasText: "Northwind Alarms" }).getAttribute("value");
  expect(northwindLinkId).toBeTruthy();

  await page.goto("/users");
  await expect(page.getByText("Who may work on Acme Security")).toBeVisible();
  const form = page.getByRole("form", { name: "Create user" });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Name").fill("Solo Acme");
  await form.getByLabel("Role").selectOption("operator");
  await form.getByLabel("Initial password").fill(password);
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByText(`Created ${email}`)).toBeVisible();
  await expect(page.locator(`tr[data-email="${email}"]`)).toBeVisible();
  // Scanned without the fading toast (axe measures its contrast mid-animation).
  await page.reload();
  await expect(page.locator(`tr[data-email="${email}"]`)).toBeVisible();
  await expectAccessible(page);
  await shots(page, "users-owner");

  // On Northwind's users page Solo is not listed.
  await page.goto("/");
  await page.getByLabel("Dealer", { exact: true }).selectOption({ label: "Northwind Alarms" });
  await expect(page.getByText("Now working on Northwind Alarms")).toBeVisible();
  await page.goto("/users");
  await expect(page.getByText("Who may work on Northwind Alarms")).toBeVisible();
  await expect(page.locator(`tr[data-email="${email}"]`)).toHaveCount(0);

  // Solo: one dealer, shown as text (no switcher), and Northwind's site is a 404.
  const solo = await signInAs(browser, email, password);
  await solo.page.goto("/sites");
  await expect(solo.page.getByRole("banner").getByText("Acme Security")).toBeVisible();
  await expect(solo.page.getByLabel("Dealer", { exact: true })).toHaveCount(0);
  await expect(solo.page.getByText("Northwind")).toHaveCount(0);
  // The header (dealer name / switcher) is this spec's part of the page.
  await expectAccessible(solo.page, "header");
  await shots(solo.page, "sites-solo");

  const siteId = await northwindSiteId();
  const res = await solo.page.goto(`/sites/${siteId}`);
  expect(res?.status()).toBe(404);
  await expect(solo.page.getByRole("heading", { name: /not found/i })).toBeVisible();
  await shots(solo.page, "foreign-site-404");

  // A hand-set cookie naming Northwind gives nothing: still Acme, still 404.
  await solo.ctx.addCookies([{ name: "dealer_link", value: northwindLinkId!, url: solo.page.url() }]);
  await solo.page.goto("/sites");
  await expect(solo.page.getByRole("banner").getByText("Acme Security")).toBeVisible();
  await expect(solo.page.getByText("Northwind")).toHaveCount(0);
  expect((await solo.page.goto(`/sites/${siteId}`))?.status()).toBe(404);
  // Admin pages stay closed to an operator.
  expect((await solo.page.goto("/users"))?.status()).toBe(403);
  await solo.ctx.close();
});
