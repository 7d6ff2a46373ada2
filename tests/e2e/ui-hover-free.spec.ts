// The last UI review's findings, in a real browser: what was only a tooltip is text (a fleet alert's whole
// mail error, a history row's checklist steps, why one's own Disable is greyed out, a failed bulk row's field
// problems); a finished bulk job says so once in a status region; the desk pages keep their heading with no
// dealer connected; the desk settings page has one name. Rows are arranged in SQL and removed after.
// axe on every page; laptop (1280x800) and phone screenshots under /tmp/shots/r24-ui.
import { randomUUID } from "node:crypto";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { hashPassword } from "../../lib/auth/password";
import { newMember, signInWith } from "./auth-helpers";
import { signIn } from "./setup";
import { sql } from "./setup/db";
import { expectNoSeriousA11y, fitsTheWidth, screenshotsTo, SMALL_LAPTOP_AND_PHONE } from "./setup/page-checks";

const shots = screenshotsTo("/tmp/shots/r24-ui", {
  makeDir: true,
  fullPage: "none",
  sizes: SMALL_LAPTOP_AND_PHONE,
  check: fitsTheWidth,
});
const stamp = Date.now().toString(36);
const LONG_ERROR =
  "Can't send mail - all recipients were rejected: 550 5.1.1 <alerts@example.test>: Recipient address " +
  `rejected: User unknown in virtual mailbox table (${stamp})`;

const cleanup: (() => Promise<unknown>)[] = [];
test.afterEach(async () => {
  for (const undo of cleanup.splice(0).reverse()) await undo();
});

async function acmeLink(): Promise<string> {
  const [row] = await sql<{ id: string }>(`SELECT id FROM dealer_links WHERE external_dealer_id = 'acme-security'`);
  return row!.id;
}

/** Both sizes, each with `el` scrolled into view at that size (the phone's first screen would not show it). */
async function shotOf(page: Page, name: string, el: Locator) {
  const inView = screenshotsTo("/tmp/shots/r24-ui", {
    fullPage: "none",
    sizes: SMALL_LAPTOP_AND_PHONE,
    check: async (p, n, label, size) => {
      await fitsTheWidth(p, n, label, size);
      await el.scrollIntoViewIfNeeded();
    },
  });
  await inView(page, name);
}

test.describe("UI review r24", () => {
  test("a fleet alert's whole mail error is text one tap away, not a tooltip", async ({ page }) => {
    const link = await acmeLink();
    const device = 900_000 + Math.floor(Math.random() * 99_999);
    const [alert] = await sql<{ id: string }>(
      `INSERT INTO fleet_alerts (id, dealer_link_id, device_id, site_id, device_name, offline_since, email_error)
     VALUES (gen_random_uuid()::text, $1, $2, 3, $3, now() - interval '3 hours', $4) RETURNING id`,
      [link, device, `Hover camera ${stamp}`, LONG_ERROR],
    );
    cleanup.push(() => sql(`DELETE FROM fleet_alerts WHERE id = $1`, [alert!.id]));

    await signIn(page, "admin", "/fleet/alerts");
    const row = page.getByTestId("open-alert").filter({ hasText: `Hover camera ${stamp}` });
    await expect(row).toContainText("Mail failed: ");
    await expect(row.getByTestId("mail-error")).toBeHidden();
    await row.getByText("The whole error").click();
    await expect(row.getByTestId("mail-error")).toHaveText(LONG_ERROR);
    await expect(row.locator("[title]")).toHaveCount(0);
    await expectNoSeriousA11y(page, "main");
    await shotOf(page, "fleet-alert-whole-error", row);
  });

  test("a history row lists its checklist steps behind the count", async ({ page }) => {
    const link = await acmeLink();
    const id = randomUUID();
    const steps = [
      { id: "s1", text: "Looked at every snapshot", optional: false, checked: true },
      { id: "s2", text: "Called the keyholder on the call list before dispatching", optional: true, checked: false },
    ];
    await sql(
      `INSERT INTO verifications (id, dealer_link_id, site_id, description, occurred_at, expires_at, state,
       answered_by_name, answered_at, answer_action, answer_outcome_label, answer_steps, updated_at)
     VALUES ($1, $2, 3, $3, now(), now() + interval '5 minutes', 'dispatched', 'Hover Operator', now(),
       'dispatch', 'Police dispatched', $4::jsonb, now())`,
      [id, link, `Hover steps ${stamp}`, JSON.stringify(steps)],
    );
    cleanup.push(() => sql(`DELETE FROM verifications WHERE id = $1 AND dealer_link_id = $2`, [id, link]));

    await signIn(page, "viewer", "/verifications/history");
    const row = page
      .locator("tr, li")
      .filter({ hasText: `Hover steps ${stamp}` })
      .first();
    await row.getByText("1/2 steps checked").click();
    const list = row.getByTestId("history-steps");
    await expect(list).toContainText("Looked at every snapshot");
    await expect(list).toContainText("Called the keyholder on the call list before dispatching (optional)");
    await expect(row.locator("[title]")).toHaveCount(0);
    await expectNoSeriousA11y(page, "main");
    await shotOf(page, "history-steps", row);
  });

  test("one's own row says why Disable and Remove are greyed out", async ({ page }) => {
    // A member with a long address, as a full run leaves (auth_<tag>_<stamp>@…): the table is then wider than
    // a laptop's card and scrolls inside it; nothing of it may widen the page.
    await newMember(`a_rather_long_member_address_with_no_break_${stamp}`, "hover-free-password-1", "viewer");
    await signIn(page, "admin", "/users");
    const why = "You cannot disable yourself or remove yourself from this dealer.";
    const me = page.locator("tr", { has: page.getByText("You", { exact: true }) });
    await expect(me.getByText(why)).toBeVisible();
    await expect(me.getByRole("button", { name: "Disable" })).toHaveAccessibleDescription(why);
    await expectNoSeriousA11y(page, "main");
    await shotOf(page, "users-self-note", me);
  });

  test("a failed bulk row says each field's problem under it; the finished job is announced once", async ({ page }) => {
    const link = await acmeLink();
    const [job] = await sql<{ id: string }>(
      `INSERT INTO bulk_jobs (id, dealer_link_id, chekt_site_id, entity, kind, state, created_by_email, total, failed,
       started_at, finished_at, updated_at)
     VALUES ($1, $2, 3, 'devices', 'create', 'done', 'admin@example.com', 1, 1, now(), now(), now()) RETURNING id`,
      [`hover${stamp}`, link],
    );
    cleanup.push(() => sql(`DELETE FROM bulk_jobs WHERE id = $1`, [job!.id]));
    await sql(
      `INSERT INTO bulk_items (id, job_id, position, external_device_id, payload, state, status_code, error_message,
       updated_at)
     VALUES ($1, $2, 0, $3, $4::jsonb, 'failed', 400, 'CHeKT refused the device: name is required', now())`,
      [
        `hoveritem${stamp}`,
        job!.id,
        `HOVER-${stamp}`,
        JSON.stringify({ external_device_id: `HOVER-${stamp}`, name: "", device_type: "toaster" }),
      ],
    );
    cleanup.push(() => sql(`DELETE FROM bulk_items WHERE job_id = $1`, [job!.id]));

    await signIn(page, "admin", `/sites/3/devices/jobs/${job!.id}`);
    await expect(page.getByRole("status").filter({ hasText: /^Job done/ })).toHaveText(
      "Job done: 0 devices succeeded, 1 failed.",
    );
    const row = page.getByTestId("failed-row-1");
    const name = row.getByRole("textbox", { name: /Name$/ });
    const problem = row.locator(`#${await name.getAttribute("aria-describedby")}`);
    await expect(problem).toBeVisible();
    await expect(problem).not.toHaveText("");
    await expect(row.locator("[title]")).toHaveCount(0);
    await expectNoSeriousA11y(page, "main");
    await shotOf(page, "failed-row-field-errors", row);
  });

  test("desk settings: one name in its heading, its desk tab and the admin tabs", async ({ page }) => {
    await signIn(page, "admin", "/verifications/settings");
    await expect(page).toHaveTitle(/Desk settings/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Desk settings");
    const deskTabs = page.getByRole("navigation", { name: "Verification views" });
    await expect(deskTabs.getByRole("link", { name: "Desk settings" })).toHaveAttribute("aria-current", "page");
    await expectNoSeriousA11y(page, "main");
    await shots(page, "desk-settings");
    await page.goto("/settings");
    const adminTabs = page.getByRole("navigation", { name: "Settings sections" });
    await expect(adminTabs.getByRole("link", { name: "Desk settings" })).toHaveAttribute(
      "href",
      "/verifications/settings",
    );
    await expect(page.getByText("Desk outcomes")).toHaveCount(0);
  });

  test("with no dealer connected, the desk pages keep their heading over the no-dealer state", async ({ page }) => {
    const id = `nodealer_${stamp}`;
    const password = "no-dealer-password-1";
    await sql(
      `INSERT INTO users (id, email, name, password_hash, role, updated_at)
       VALUES ($1, $2, 'No Dealer', $3, 'viewer', now())`,
      [id, `${id}@example.com`, await hashPassword(password)],
    );
    await signInWith(page, `${id}@example.com`, password);
    await expect(page).not.toHaveURL(/\/sign-in/, { timeout: 30_000 });
    for (const [path, heading, tab, name] of [
      ["/verifications/history", "Verifications", "History", "no-dealer-history"],
      ["/verifications/report", "Verifications", "Report", "no-dealer-report"],
      ["/verifications/settings", "Desk settings", "Desk settings", "no-dealer-desk-settings"],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 }), path).toHaveText(heading);
      await expect(page.getByRole("link", { name: tab, exact: true })).toHaveAttribute("aria-current", "page");
      await expect(page.getByText("No dealer connected")).toBeVisible();
      await expectNoSeriousA11y(page, "main");
      if (name !== "no-dealer-report") await shots(page, name);
    }
  });
});
