// What an operator at the keyboard or with a screen reader meets (twenty-fourth round): the dashboard's
// "expires in" moves; a deleted row (contact, member, outcome) hands the focus to the next row's same
// control instead of <body>; the role select and the dealer switcher apply on Save/Switch or Enter, not
// at each arrow key. Laptop and phone screenshots to /tmp/shots/a11y/ when that folder exists.
import { expect, test } from "@playwright/test";
import { signIn } from "./setup";
import { expectNoSeriousA11y, screenshotsTo, SMALL_LAPTOP_AND_PHONE } from "./setup/page-checks";
import { raise } from "./verifications-helpers";

const shots = screenshotsTo("/tmp/shots/a11y", { sizes: SMALL_LAPTOP_AND_PHONE });
const stamp = Date.now().toString(36);

test("the dashboard's waiting alarm counts its minutes down while the page stays open", async ({ page }) => {
  await page.clock.install();
  const description = `Waiting card ${stamp}`;
  await raise({ site_id: 1, description, expires_in_s: 290 });
  await signIn(page, "admin", "/");
  const item = page.getByTestId("waiting-item").filter({ hasText: description });
  await expect(item).toBeVisible({ timeout: 20_000 });
  const minutes = async () => Number(await item.getByTestId("waiting-expires").textContent());
  const first = await minutes();
  expect(first).toBeGreaterThanOrEqual(4);
  await page.clock.fastForward(120_000);
  await expect.poll(minutes).toBeLessThanOrEqual(first - 2);
  // No live region: the card is read when visited, not announced each minute.
  await expect(item.locator("[role=status], [aria-live]")).toHaveCount(0);
  await expectNoSeriousA11y(page, "main");
});

test("removing an outcome row puts the focus on the next row's Remove", async ({ page }) => {
  await signIn(page, "admin", "/verifications/settings");
  const editor = page.getByTestId("outcomes-editor");
  const rows = editor.locator("li");
  const count = await rows.count();
  expect(count).toBeGreaterThan(1);
  // Not saved: the dealer's outcomes stay as they are.
  await editor.getByRole("button", { name: "Remove outcome 1", exact: true }).click();
  await expect(rows).toHaveCount(count - 1);
  await expect(editor.getByRole("button", { name: "Remove outcome 1", exact: true })).toBeFocused();
  // The last row removed: the one before takes the focus.
  await editor.getByRole("button", { name: `Remove outcome ${count - 1}`, exact: true }).click();
  await expect(editor.getByRole("button", { name: `Remove outcome ${count - 2}`, exact: true })).toBeFocused();
});

test("a deleted contact hands the focus to the next contact's Delete", async ({ page }) => {
  test.setTimeout(120_000);
  const names = ["Ada", "Bea"].map((first) => `${first} Focus ${stamp}`);
  for (const [i, name] of names.entries()) {
    await signIn(page, "admin", "/sites/1/contacts/new");
    const [first, last] = name.split(/ (.*)/);
    await page.getByLabel("First name").fill(first);
    await page.getByLabel("Last name").fill(last);
    await page.getByLabel("Phone").fill(`+1 212 555 01${50 + i}`);
    await page.getByLabel("Contact ID (yours)").fill(`e2e-focus-${stamp}-${i}`);
    await page.getByRole("button", { name: "Add contact" }).click();
    await expect(page.locator("[data-sonner-toast]").filter({ hasText: "Contact added" }).first()).toBeVisible();
  }
  await page.goto("/sites/1");
  const table = page.getByTestId("contacts-table");
  await expect(table.getByTestId("contact-row").filter({ hasText: names[1] })).toBeVisible();
  const rows = table.getByTestId("contact-row");
  const ada = rows.filter({ hasText: names[0] });
  const index = await ada.evaluate((tr) => [...tr.parentElement!.children].indexOf(tr));
  const next = rows.nth(index + 1);
  const nextName = (await next.locator("td").first().textContent())!.trim();
  await ada.getByRole("button", { name: `Delete ${names[0]}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete contact" }).click();
  await expect(ada).toHaveCount(0, { timeout: 20_000 });
  await expect(table.getByRole("button", { name: `Delete ${nextName}` })).toBeFocused();
  // Tidy: the other one goes too.
  await table.getByRole("button", { name: `Delete ${names[1]}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete contact" }).click();
  await expect(rows.filter({ hasText: names[1] })).toHaveCount(0, { timeout: 20_000 });
  await expect(page.locator(":focus")).not.toHaveCount(0);
});

test("a member removed from the dealer hands the focus to the next member's Remove", async ({ page }) => {
  await signIn(page, "admin", "/users");
  const emails = ["a", "b"].map((x) => `focus-${x}-${stamp}@example.com`);
  for (const email of emails) {
    const form = page.getByRole("form", { name: "Create user" });
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Name").fill(`Focus ${stamp}`);
    await form.getByLabel("Initial password").fill("focus-password-1");
    await form.getByRole("button", { name: "Create user" }).click();
    await expect(page.locator(`tr[data-email="${email}"]`)).toBeVisible();
  }
  const row = page.locator(`tr[data-email="${emails[0]}"]`);
  await row.getByRole("button", { name: "Remove from dealer" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove", exact: true }).click();
  await expect(row).toHaveCount(0, { timeout: 20_000 });
  await expect(page.locator("tr[data-email] :focus")).toHaveText("Remove from dealer");
});

test("a member's role changes on Save, not at each option the keyboard passes", async ({ page }) => {
  await signIn(page, "admin", "/users");
  const email = `role-keys-${stamp}@example.com`;
  const form = page.getByRole("form", { name: "Create user" });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Name").fill(`Keys ${stamp}`);
  await form.getByLabel("Role").selectOption("viewer");
  await form.getByLabel("Initial password").fill("focus-password-1");
  await form.getByRole("button", { name: "Create user" }).click();
  const row = page.locator(`tr[data-email="${email}"]`);
  const select = row.getByLabel(`Role of ${email}`);
  await select.focus();
  await select.press("ArrowDown");
  await select.press("ArrowDown");
  await page.reload();
  await expect(select).toHaveValue("viewer");
  await select.selectOption("operator");
  await expectNoSeriousA11y(page, "main");
  await shots(page, "role-pick");
  await select.press("Enter");
  await expect(page.getByText(`${email} is now operator`)).toBeVisible();
  await expect(row.getByRole("button", { name: `Save ${email}'s role` })).toHaveCount(0);
  await expect(select).toBeFocused();
});

test("the dealer switcher switches on Switch, its arrow keys only pick", async ({ page }) => {
  await signIn(page, "admin", "/");
  const switcher = page.getByLabel("Dealer", { exact: true });
  const dealer = page.getByTestId("dealer-name");
  const was = await switcher.locator("option:checked").textContent();
  await switcher.focus();
  await switcher.press("ArrowDown");
  await page.reload();
  await expect(switcher.locator("option:checked")).toHaveText(was!);
  await switcher.selectOption({ label: "Northwind Alarms" });
  const button = page.getByRole("button", { name: "Switch", exact: true });
  await expect(button).toBeVisible();
  await expectNoSeriousA11y(page, "header");
  await shots(page, "dealer-pick");
  // Picked back, nothing to switch.
  await switcher.selectOption({ label: was! });
  await expect(button).toHaveCount(0);
  await expect(dealer).toHaveText(was!);
});
