// A viewer reads everything and changes nothing: no edit controls anywhere, and a server action
// replayed with a viewer's session (a forged call) is refused and changes nothing in CHeKT.
import { expect, test } from "@playwright/test";
import { appUrl, signIn } from "./setup";
import { defaultRateLimit, partner, refreshShownSites, roomyRateLimit, sitesView, stamp } from "./sites-helpers";

test.beforeAll(roomyRateLimit);
test.afterAll(defaultRateLimit);

test("viewer sees sites, stations, contacts, arming and the dealer without any edit control", async ({ page }) => {
  await signIn(page, "viewer", "/sites");
  await expect(page.getByTestId("site-row").first()).toBeVisible();
  await expect(page.getByRole("link", { name: "New site" })).toHaveCount(0);

  // A seeded site (it has contacts), found through the list's own search.
  await page.getByLabel("Search", { exact: true }).fill("Harbor Logistics");
  await page.getByRole("button", { name: "Apply" }).click();
  await page.getByRole("link", { name: "Harbor Logistics Warehouse", exact: true }).click();
  await expect(page.getByTestId("site-name")).toBeVisible();
  for (const name of ["Edit", "Activate", "Deactivate", "Delete", "Add contact"]) {
    await expect(page.getByRole("button", { name, exact: true })).toHaveCount(0);
    await expect(page.getByRole("link", { name, exact: true })).toHaveCount(0);
  }
  await expect(page.getByTestId("contact-row").first()).toBeVisible();

  await page.getByRole("link", { name: "View" }).click();
  await expect(page.getByText("Current", { exact: true })).toBeVisible();
  await expect(page.getByRole("radio")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Switch arming" })).toHaveCount(0);

  await page.goto("/stations");
  await expect(page.getByRole("link", { name: "New station" })).toHaveCount(0);
  await page.getByRole("link", { name: "Central Station East" }).click();
  await expect(page.getByRole("button", { name: /Delete/ })).toHaveCount(0);
  await expect(page.getByRole("textbox")).toHaveCount(0);

  await page.goto("/dealer");
  await expect(page.getByTestId("dealer-profile")).toBeVisible();
  await expect(page.getByRole("button", { name: "Disconnect" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Connect with CHeKT/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Save profile" })).toHaveCount(0);

  // Pages that only exist to change something are refused outright.
  const res = await page.goto("/sites/new");
  expect(res?.status()).toBe(403);
});

test("a server action replayed with a viewer's session is refused and changes nothing", async ({ browser }) => {
  const site = await partner<{ site_id: number; is_activated: number }>("/sites", "POST", {
    external_site_id: `e2e-forged-${stamp}`,
    name: `Forged ${stamp}`,
    timezone: "UTC",
  });
  expect(site.is_activated).toBe(0);

  // Capture the real "activate" call an operator's browser would send, without letting it through.
  const operator = await browser.newContext();
  const opPage = await operator.newPage();
  // Made CHeKT-side: into the mirror first.
  await signIn(opPage, "operator", sitesView(`Forged ${stamp}`));
  await refreshShownSites(opPage);
  await opPage.goto(`/sites/${site.site_id}`);
  // A holder, not a `let`: TypeScript cannot see the route callback assign a variable.
  const seen: { action?: { url: string; headers: Record<string, string>; body: string } } = {};
  await opPage.route(`**/sites/${site.site_id}`, async (route) => {
    const req = route.request();
    if (req.method() === "POST" && req.headers()["next-action"]) {
      seen.action = { url: req.url(), headers: req.headers(), body: req.postData() ?? "" };
      await route.abort();
    } else {
      await route.continue();
    }
  });
  await opPage.getByRole("button", { name: "Activate" }).click();
  await opPage.getByRole("dialog").getByRole("button", { name: "Activate site" }).click();
  await expect.poll(() => seen.action).toBeDefined();
  // Our page cannot tell a call that never reached the server from a lost answer, and says so.
  await expect(opPage.getByText(/may or may not have been saved/i).first()).toBeVisible();
  await operator.close();

  const viewer = await browser.newContext();
  const vPage = await viewer.newPage();
  await signIn(vPage, "viewer", `/sites/${site.site_id}`);
  const c = seen.action!;
  const headers = Object.fromEntries(
    Object.entries(c.headers).filter(([k]) => !["cookie", "content-length", "host"].includes(k)),
  );
  const res = await vPage.request.post(c.url, { headers: { ...headers, origin: appUrl() }, data: c.body });
  const text = await res.text();
  expect(text).toContain("forbidden");
  expect(text).toMatch(/Only an operator or admin can do this/);
  await viewer.close();

  expect((await partner<{ is_activated: number }>(`/sites/${site.site_id}`)).is_activated).toBe(0);
});
