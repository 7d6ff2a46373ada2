// Outcome codes and checklists in a real browser against the real app and simulator: a dealer admin
// sets the dealer's checklist on /verifications/settings and a site's own on its page; an operator
// answers with d and x through the outcome picker (outcome required, required steps checked), the
// site's own checklist replaces the dealer's; the answers land in history with their outcome and
// "annotated in CHeKT"; a viewer reads the settings but cannot change them. axe on the settings
// page and the picker; laptop and phone screenshots (copied to /tmp/shots/outcomes/).
import pg from "pg";
import { expect, test } from "@playwright/test";
import { signIn } from "./setup";
import { screenshotsTo } from "./setup/page-checks";
import { expectAccessible, queueLive, raiseShown } from "./verifications-helpers";

const SHOTS = "/tmp/shots/outcomes";
const shots = screenshotsTo(SHOTS, { fullPage: "none" });
const wholePageShots = screenshotsTo(SHOTS);
const OVERRIDE_SITE = 3;

/** The specs share one seeded database: the checklists this spec sets are removed again. */
async function resetChecklists() {
  const c = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await c.connect();
  try {
    await c.query("DELETE FROM desk_checklists");
  } finally {
    await c.end();
  }
}

test.afterAll(resetChecklists);

test(
  "an admin sets the checklists; an operator answers with d and x through " +
    "the outcome picker; history shows outcome and annotation",
  async ({ browser }) => {
    test.setTimeout(180_000);
    await resetChecklists();
    const adminCtx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const admin = await adminCtx.newPage();
    await signIn(admin, "admin", "/verifications/settings");
    await expect(admin.getByRole("heading", { name: "Outcome codes" })).toBeVisible();
    await expect(admin.getByLabel("Outcome 1 label")).toHaveValue("Police dispatched");

    // The dealer's checklist: one required step, one optional.
    const checklist = admin.getByTestId("checklist-editor");
    await checklist.getByRole("button", { name: "Add step" }).click();
    await checklist.getByLabel("Step 1", { exact: true }).fill("Reviewed every snapshot");
    await checklist.getByRole("button", { name: "Add step" }).click();
    await checklist.getByLabel("Step 2", { exact: true }).fill("Asked for the passcode");
    await checklist.getByLabel("Optional (step 2)").check();
    // An empty step is refused in the browser before anything is sent.
    await checklist.getByRole("button", { name: "Add step" }).click();
    await checklist.getByRole("button", { name: "Save checklist" }).click();
    await expect(checklist.getByRole("alert")).toContainText("Step 3: Write the step");
    await checklist.getByRole("button", { name: "Remove step 3" }).click();
    await checklist.getByRole("button", { name: "Save checklist" }).click();
    await expect(admin.getByText("Checklist saved.")).toBeVisible();
    await admin.reload();
    await expect(admin.getByTestId("checklist-editor").getByLabel("Step 2", { exact: true })).toHaveValue(
      "Asked for the passcode",
    );
    await expectAccessible(admin);
    await wholePageShots(admin, "settings");

    // Site 3 gets its own checklist on its page.
    await admin.goto(`/sites/${OVERRIDE_SITE}`);
    const panel = admin.getByTestId("site-checklist-editor");
    await expect(panel.getByLabel("Use the dealer's checklist")).toBeChecked();
    await panel.getByLabel("This site has its own checklist").check();
    // It starts from the dealer's steps; replace them with the site's one step.
    await panel.getByRole("button", { name: "Remove step 2" }).click();
    await panel.getByLabel("Step 1", { exact: true }).fill("Read the gate code to the guard");
    await panel.getByRole("button", { name: "Save the site's checklist" }).click();
    await expect(admin.getByText("Checklist saved.")).toBeVisible();
    await expectAccessible(admin, '[data-testid="site-checklist-editor"]');

    // The operator: d on an alarm of site 1 (the dealer's checklist).
    const opCtx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const op = await opCtx.newPage();
    await signIn(op, "operator", "/verifications");
    await queueLive(op);
    const a = await raiseShown(op, 1, "Outcome picker dispatch", { priority: "high", trigger: "door-forced" });
    const b = await raiseShown(op, OVERRIDE_SITE, "Outcome picker disregard", { priority: "low", trigger: "motion" });

    await a.row.click();
    await op.keyboard.press("c");
    const detailA = op.getByRole("dialog").filter({ hasText: "Outcome picker dispatch" });
    await expect(detailA.getByRole("button", { name: "Release claim" })).toBeVisible();
    await expect(op.getByLabel("Contact who handled it")).not.toHaveValue("", { timeout: 10_000 });
    await op.keyboard.press("Escape");
    await a.row.click();
    await op.keyboard.press("d");
    const picker = op.getByRole("dialog").filter({ hasText: "Dispatch responders?" });
    await expect(picker.getByRole("radio", { name: "Police dispatched" })).toBeVisible();
    // Only dispatch outcomes are offered for a dispatch.
    await expect(picker.getByRole("radio", { name: "False alarm – animal" })).toHaveCount(0);
    await expect(picker.getByRole("checkbox", { name: "Reviewed every snapshot" })).not.toBeChecked();
    await expect(picker.getByRole("checkbox", { name: /Asked for the passcode/ })).toBeVisible();
    await expectAccessible(op, "dialog[open]:has([data-testid=outcome-picker])");
    await shots(op, "picker-dispatch");

    await picker.getByRole("button", { name: "Dispatch" }).click();
    await expect(picker.getByTestId("outcome-problem")).toHaveText("Choose an outcome.");
    await picker.getByRole("radio", { name: "Police dispatched" }).check();
    await picker.getByRole("button", { name: "Dispatch" }).click();
    await expect(picker.getByTestId("outcome-problem")).toHaveText("Check every required step first (1 left).");
    await picker.getByRole("checkbox", { name: "Reviewed every snapshot" }).check();
    await picker.getByRole("button", { name: "Dispatch" }).click();
    await expect(op.getByText("Dispatched. CHeKT recorded the answer.")).toBeVisible({ timeout: 15_000 });
    await expect(a.row).toHaveCount(0, { timeout: 15_000 });

    // x on an alarm of site 3: its own checklist, not the dealer's.
    await b.row.click();
    await op.keyboard.press("x");
    const pickerB = op.getByRole("dialog").filter({ hasText: "Disregard this alarm?" });
    await expect(pickerB.getByText("Checklist (this site's own)")).toBeVisible();
    await expect(pickerB.getByRole("checkbox", { name: "Reviewed every snapshot" })).toHaveCount(0);
    await expect(pickerB.getByRole("radio", { name: "Police dispatched" })).toHaveCount(0);
    await expect(op.getByLabel("Contact who handled it")).not.toHaveValue("", { timeout: 10_000 });
    await pickerB.getByRole("radio", { name: "False alarm – weather" }).check();
    await pickerB.getByRole("checkbox", { name: "Read the gate code to the guard" }).check();
    await pickerB.getByRole("button", { name: "Disregard" }).click();
    await expect(op.getByText("Disregarded. CHeKT recorded the answer.")).toBeVisible({ timeout: 15_000 });

    // History: both answers with their outcome, steps and the annotation's state (sent right after).
    await op.goto("/verifications/history");
    const histA = op.getByRole("row").filter({ hasText: "Outcome picker dispatch" });
    await expect(histA).toContainText("Police dispatched");
    await expect(histA).toContainText("1/2 steps checked");
    await expect(async () => {
      await op.reload();
      await expect(
        op.getByRole("row").filter({ hasText: "Outcome picker dispatch" }).getByTestId("history-annotation"),
      ).toHaveText("annotated in CHeKT", { timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    const histB = op.getByRole("row").filter({ hasText: "Outcome picker disregard" });
    await expect(histB).toContainText("False alarm – weather");
    await expect(histB).toContainText("1/1 steps checked");
    await expectAccessible(op);
    await shots(op, "history");
    await opCtx.close();
    await adminCtx.close();
  },
);

test("a viewer reads the outcome codes and the checklist but cannot change them", async ({ page }) => {
  await signIn(page, "viewer", "/verifications/settings");
  await expect(page.getByTestId("outcomes-readonly")).toContainText("Police dispatched");
  await expect(page.getByTestId("outcomes-readonly")).toContainText("Only a dealer admin changes these.");
  await expect(page.getByRole("button", { name: "Save outcomes" })).toHaveCount(0);
  await expect(page.getByTestId("checklist-readonly")).toBeVisible();
  await expectAccessible(page);
});
