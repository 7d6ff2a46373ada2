// Forms that forgive (issue 15, point 4) in a real browser: the site form's time-zone picker finds
// zones by city and country with the keyboard; an empty Site ID is generated and shown; leaving a
// dirty form asks first; the header's Account link. Axe scan and laptop + phone screenshots.
import { expect, test } from "@playwright/test";
import { signIn } from "./setup";
import { expectNoSeriousA11y } from "./auth-helpers";
import { defaultRateLimit, expectToast, partner, roomyRateLimit, stamp } from "./sites-helpers";
import { screenshotsTo } from "./setup/page-checks";

test.beforeAll(roomyRateLimit);
test.afterAll(defaultRateLimit);

const shots = screenshotsTo("/tmp/shots/forms", { makeDir: true });

test("site form: time zone found by city and by country with the keyboard, Site ID generated when left empty", async ({
  page,
}) => {
  const name = `Forgiving Depot ${stamp}`;
  await signIn(page, "operator", "/sites/new");
  await expect(page.getByRole("heading", { name: "New site" })).toBeVisible();
  const tz = page.getByRole("combobox", { name: "Time zone" });

  // A city that is not in any IANA name: San Francisco → America/Los_Angeles, picked with Enter.
  await tz.fill("San Francisco");
  const list = page.getByRole("listbox", { name: "Zones found" });
  await expect(list.getByRole("option").first()).toContainText("America/Los_Angeles");
  await expect(tz).toHaveAttribute("aria-expanded", "true");
  await tz.press("Enter");
  await expect(tz).toHaveValue("America/Los_Angeles");
  await expect(list).toBeHidden();

  // A country: "Germany" → Europe/Berlin; "UK" → Europe/London, the second option reached with ArrowDown.
  await tz.fill("Germany");
  await expect(list.getByRole("option").first()).toContainText("Europe/Berlin");
  await tz.fill("uk");
  const options = list.getByRole("option");
  await expect(options.first()).toContainText("Europe/London");
  await expect(options.nth(1)).toContainText(/Europe\/Kyiv|Europe\/Kiev/);
  await tz.press("ArrowDown");
  await expect(options.nth(1)).toHaveAttribute("aria-selected", "true");
  await expect(tz).toHaveAttribute("aria-activedescendant", (await options.nth(1).getAttribute("id"))!);
  await tz.press("ArrowUp");
  await expect(options.first()).toHaveAttribute("aria-selected", "true");
  await tz.press("Escape");
  await expect(list).toBeHidden();
  await tz.fill("New York");
  await expect(list.getByRole("option").first()).toContainText("America/New_York");
  await expectNoSeriousA11y(page);
  await shots(page, "site-form-tz-open");
  await list.getByRole("option").first().click();
  await expect(tz).toHaveValue("America/New_York");

  // No Site ID typed: one is generated from the name on submit, shown in the field, and saved.
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await expect(page.getByLabel("Site ID (yours)")).toHaveValue("");
  await page.getByRole("button", { name: "Generate ID" }).click();
  const generated = await page.getByLabel("Site ID (yours)").inputValue();
  expect(generated).toMatch(new RegExp(`^site-forgiving-depot-${stamp}-[a-z2-9]{4}$`));
  await page.getByLabel("Site ID (yours)").fill("");
  await expectNoSeriousA11y(page);
  await shots(page, "site-form-filled");
  await page.getByRole("button", { name: "Create site" }).click();
  await expectToast(page, `Site “${name}” created`);
  await expect(page).toHaveURL(/\/sites\/\d+$/);
  const siteId = Number(new URL(page.url()).pathname.split("/").pop());
  const stored = await partner<{ external_site_id: string; timezone: string }>(`/sites/${siteId}`);
  expect(stored.timezone).toBe("America/New_York");
  expect(stored.external_site_id).toMatch(new RegExp(`^site-forgiving-depot-${stamp}-[a-z2-9]{4}$`));
  expect(stored.external_site_id).not.toBe(generated);
});

test("unsaved changes: a link in the app asks first, and closing the tab gets the browser's prompt", async ({
  page,
}) => {
  await signIn(page, "operator", "/sites/new");
  await expect(page.getByRole("heading", { name: "New site" })).toBeVisible();
  // A clean form leaves without asking.
  await page.getByRole("link", { name: "Cancel" }).click();
  await expect(page).toHaveURL(/\/sites$/);
  await page.goto("/sites/new");

  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Half-typed site");
  const asked: string[] = [];
  // "No, stay": the click goes nowhere and the typing is kept.
  page.once("dialog", (d) => {
    asked.push(d.message());
    void d.dismiss();
  });
  await page.getByRole("link", { name: "Cancel" }).click();
  await expect.poll(() => asked).toEqual(["You have unsaved changes. Leave this page and lose them?"]);
  await expect(page).toHaveURL(/\/sites\/new$/);
  await expect(page.getByRole("textbox", { name: "Name", exact: true })).toHaveValue("Half-typed site");

  // Closing the tab: the browser's own beforeunload prompt.
  const unload = new Promise<string>((resolve) =>
    page.once("dialog", (d) => {
      resolve(d.type());
      void d.dismiss();
    }),
  );
  await page.close({ runBeforeUnload: true });
  expect(await unload).toBe("beforeunload");
});

test("unsaved changes: 'yes, leave' follows the sidebar link", async ({ page }) => {
  await signIn(page, "operator", "/sites/new");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Never saved");
  page.once("dialog", (d) => void d.accept());
  await page.locator("#sidebar").getByRole("link", { name: "Monitoring stations" }).click();
  await expect(page).toHaveURL(/\/stations$/);
});

test("header: an Account link on every console page, on a laptop and a phone", async ({ page }) => {
  await signIn(page, "viewer", "/sites");
  const account = page.getByRole("banner").getByRole("link", { name: "Account" });
  await expect(account).toBeVisible();
  await account.click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(account).toHaveAttribute("aria-current", "page");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/sites");
  await expect(account).toBeVisible();
  await expectNoSeriousA11y(page);
  await shots(page, "header-account");
});
