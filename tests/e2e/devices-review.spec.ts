// The paste review as a new user meets it: fixing rows with "only rows with errors" on never loses a
// keystroke or the focus, the type is picked (camera | bridge), rows can be skipped or deleted (and
// the delete undone), "Next error" (and Alt+N) walks the errors, and the row numbers are the sheet's
// lines, header and blank lines counted, on the review and on the job page alike. The pasted IDs are
// asked about at the dealer's other sites (the page does not carry their IDs): the send waits for that
// answer, and a failed ask says so, with Retry, instead of passing the IDs as free.
import { expect, test, type Page } from "@playwright/test";
import { partner } from "./setup/partner";
import { expectAccessible, newSite, pasteToReview, refreshDevices, shots, stamp } from "./devices-helpers";
import { fitsTheWidth, SMALL_LAPTOP_AND_PHONE, screenshotsTo } from "./setup/page-checks";

// External IDs are the dealer's, across its sites (CHeKT keeps them unique per dealer; the review checks the
// other sites' too): each test's sheet has its own, or the second would find the first's provisioned rows taken.
const id = (line: number, tag = "review") => `rv-${stamp}-${tag}-${line}`;

/** Header on line 1, a blank line 12, data on lines 2–43; five bad rows; IDs tagged `tag`. */
function sheet(tag: string): string {
  const lines = ["External ID\tType\tName\tZone\tMAC"];
  while (lines.length < 43) {
    const n = lines.length + 1;
    if (n === 12) {
      lines.push("");
      continue;
    }
    const type = n === 5 ? "dome" : "camera";
    const name = n === 21 || n === 40 ? "" : `Cam ${n}`;
    const zone = n === 31 ? "13O" : String(n);
    const mac = n === 38 ? "zz" : `aa-bb-cc-01-00-${n.toString(16).padStart(2, "0")}`;
    lines.push([id(n, tag), type, name, zone, mac].join("\t"));
  }
  return lines.join("\n");
}

/** An operator with `sheet(tag)` pasted into the review of a new site: the review counts its five bad rows. */
async function sheetInReview(page: Page, siteName: string, tag = "review") {
  const { siteId } = await newSite(page, siteName, "operator");
  await pasteToReview(page, siteId, sheet(tag));
  await expect(page.getByTestId("invalid-count")).toHaveText(/5 with errors/);
  return siteId;
}

test("review: error filter, type picker, skip, delete and next error by keyboard; sheet lines on the job page", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const siteId = await sheetInReview(page, "Review test");
  await expect(page.getByRole("columnheader", { name: "Sheet line" })).toBeVisible();
  await expect(page.getByText("numbered by their sheet line")).toBeVisible();
  await page.getByLabel("Show only rows with errors").check();
  await expect(page.locator('[data-testid^="paste-row-"]')).toHaveCount(5);
  await expect(page.getByTestId("paste-row-21")).toBeVisible();

  // Type is a picker; the pasted "dome" stays visible (marked) until replaced.
  const type5 = page.getByLabel("Sheet line 5 Type");
  await expect(type5).toHaveValue("dome");
  await expect(type5).toHaveAttribute("aria-invalid", "true");
  await type5.focus();
  await type5.selectOption("bridge");
  await expect(type5).toHaveValue("bridge");

  // The row becomes valid on the first key, yet stays listed, keeps focus and every keystroke.
  const name21 = page.getByLabel("Sheet line 21 Name");
  await name21.click();
  await page.keyboard.type("Gate 090 Bridge", { delay: 20 });
  await expect(name21).toHaveValue("Gate 090 Bridge");
  await expect(name21).toBeFocused();
  await expect(page.getByTestId("paste-row-21")).not.toHaveAttribute("data-invalid", "true");

  const zone31 = page.getByLabel("Sheet line 31 Zone");
  await zone31.click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("130", { delay: 20 });
  await expect(zone31).toHaveValue("130");
  await expect(zone31).toBeFocused();
  await expect(page.getByTestId("invalid-count")).toHaveText(/2 with errors/);
  await expect(page.getByLabel("Skip the 2 invalid rows", { exact: true })).toBeVisible();

  // Leaving the row lets the filter drop it.
  await page.getByRole("heading", { name: "Paste devices" }).click();
  await expect(page.getByTestId("paste-row-31")).toHaveCount(0);
  await expect(page.getByTestId("paste-row-21")).toHaveCount(0);
  await expect(page.locator('[data-testid^="paste-row-"]')).toHaveCount(2);

  // Next error: the button, then Alt+N from inside the grid.
  await page.getByRole("button", { name: "Next error" }).click();
  await expect(page.getByLabel("Sheet line 38 MAC")).toBeFocused();
  await page.keyboard.press("Alt+n");
  await expect(page.getByLabel("Sheet line 40 Name")).toBeFocused();
  await page.keyboard.press("Alt+n");
  await expect(page.getByLabel("Sheet line 38 MAC")).toBeFocused();
  await shots(page, "review-errors");

  // Skip one bad row, delete the other (and take the delete back once).
  await page.getByRole("button", { name: "Skip Sheet line 38" }).click();
  await expect(page.getByTestId("skipped-count")).toHaveText(/1 skipped/);
  await expect(page.getByTestId("invalid-count")).toHaveText(/1 with errors/);
  await page.getByRole("button", { name: "Delete Sheet line 40" }).click();
  await expect(page.getByTestId("paste-row-40")).toHaveCount(0);
  await expect(page.getByTestId("invalid-count")).toHaveText(/0 with errors/);
  await page.getByRole("button", { name: "Undo delete of sheet line 40" }).click();
  await expect(page.getByTestId("invalid-count")).toHaveText(/1 with errors/);
  await page.getByRole("button", { name: "Delete Sheet line 40" }).click();
  await expect(page.getByTestId("invalid-count")).toHaveText(/0 with errors/);

  await page.getByLabel("Show only rows with errors").uncheck();
  await page.getByRole("grid", { name: "Pasted devices" }).evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(page.getByTestId("paste-row-38")).toContainText("Skipped: not sent");
  await expectAccessible(page, "main");
  await shots(page, "review");

  // 41 data rows − 1 skipped − 1 deleted.
  await page.getByRole("button", { name: "Provision 39 devices" }).click();
  await expect(page).toHaveURL(new RegExp(`/sites/${siteId}/devices/jobs/[^/]+$`), { timeout: 30_000 });
  await expect(page.getByTestId("job-pct")).toHaveText("100%", { timeout: 60_000 });
  await expect(page.getByTestId("job-succeeded")).toHaveText("39");
  // The job page numbers rows by the same sheet lines.
  await expect(page.getByRole("columnheader", { name: "Sheet line" })).toBeVisible();
  await expect(page.getByTestId("item-21")).toContainText("Gate 090 Bridge");
  await expect(page.getByTestId("item-21")).toContainText(id(21));
  await expect(page.getByTestId("item-13")).toContainText(id(13));
  await expect(page.getByTestId("item-12")).toHaveCount(0);
  await expect(page.getByTestId("item-38")).toHaveCount(0);
  await expect(page.getByTestId("item-40")).toHaveCount(0);
  await expect(page.getByTestId("item-43")).toContainText("Cam 43");
  await shots(page, "job");

  const devices = (await partner(`/sites/${siteId}/devices?limit=100`, "GET")) as {
    external_device_id: string;
    zone_number: string | null;
    device_type: string;
    name: string;
  }[];
  const byId = new Map(devices.map((d) => [d.external_device_id, d]));
  expect(devices.length).toBe(39);
  expect(byId.get(id(31))?.zone_number).toBe("130");
  expect(byId.get(id(5))?.device_type).toBe("bridge");
  expect(byId.get(id(21))?.name).toBe("Gate 090 Bridge");
  expect(byId.has(id(38))).toBe(false);
  expect(byId.has(id(40))).toBe(false);
});

test("review problems: the whole text, beside the sheet line on a laptop and under the row on a phone", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await sheetInReview(page, "Review problems", "problems");
  // The five bad rows only, so every one is rendered (the grid is virtualised).
  await page.getByLabel("Show only rows with errors").check();
  const grid = page.getByRole("grid", { name: "Pasted devices" });

  for (const [label, size] of [
    ["laptop", { width: 1366, height: 900 }],
    ["phone", { width: 390, height: 844 }],
  ] as const) {
    await page.setViewportSize(size);
    // Scrolled as far right as it goes: where a fix of the last column leaves the grid.
    await grid.evaluate((el) => (el.scrollLeft = el.scrollWidth));
    for (const [line, text] of [
      [38, 'MAC must be 12 hex digits (AA:BB:CC:DD:EE:FF), not "zz"'],
      [21, "Name is required"],
    ] as const) {
      const cell = page.locator(`#review-problems-${line}`);
      // In the page's viewport (elementFromPoint below looks there), then the grid fully right again.
      await cell.scrollIntoViewIfNeeded();
      await grid.evaluate((el) => (el.scrollLeft = el.scrollWidth));
      await expect(cell).toContainText(text);
      // Whole (not clipped), inside the grid's viewport, and on top (not under the sticky sheet line).
      const seen = await cell.evaluate((el) => {
        const box = el.getBoundingClientRect();
        const view = el.closest('[role="grid"]')!.getBoundingClientRect();
        const li = el.querySelector("li")!.getBoundingClientRect();
        const hit = document.elementFromPoint(li.left + 4, li.top + li.height / 2);
        return {
          clipped: el.scrollWidth > el.clientWidth + 1,
          inside: box.left >= view.left - 1 && box.right <= view.right + 1,
          onTop: !!hit && el.contains(hit),
        };
      });
      expect(seen, `${label}, sheet line ${line}`).toEqual({ clipped: false, inside: true, onTop: true });
    }
  }
  await page.setViewportSize({ width: 1366, height: 900 });
  await expect(page.getByRole("columnheader", { name: "Problems" })).toBeVisible();
  await expectAccessible(page, "main");
  await shots(page, "review-problems");
});

test("IDs at other sites: asked once pasted, the send waits, a failed check says so and Retry asks again", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const held = id(3, "lookup");
  const { siteId: holder, siteName: holderName } = await newSite(page, "Lookup holder", "operator");
  await partner(`/sites/${holder}/devices`, "POST", [
    { external_device_id: held, device_type: "camera", name: "Held cam" },
  ]);
  await refreshDevices(page, holder);
  await expect(page.getByTestId(`device-${held}`)).toBeVisible();
  const { siteId } = await newSite(page, "Lookup test", "operator");

  // The lookup is a server action, posted to the page's own address: the first ask fails as a dropped
  // connection would, the next is held until the test lets it through, so each state can be seen.
  let answer: "fail" | "hold" | "pass" = "fail";
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(`**/sites/${siteId}/devices/paste`, async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    if (answer === "fail") return route.abort("failed");
    if (answer === "hold") await released;
    return route.continue();
  });
  await pasteToReview(page, siteId, sheet("lookup"));

  const status = page.getByTestId("lookup-status");
  await expect(status).toHaveAttribute("role", "status");
  await expect(status).toHaveText(
    "Could not check the pasted IDs at your other sites: We got no answer from the server. Nothing can be sent " +
      "until they are checked.",
  );
  // The five bad rows are known here; the ID held elsewhere is not, and is not taken as free.
  await expect(page.getByTestId("invalid-count")).toHaveText(/5 with errors/);
  await page.getByLabel("Skip the 5 invalid rows", { exact: true }).check();
  const submit = page.getByRole("button", { name: /Provision \d+ devices/ });
  await expect(submit).toHaveText("Provision 36 devices");
  await expect(submit).toBeDisabled();
  await expectAccessible(page, "main");
  await shots(page, "review-lookup-failed");

  // Retry from the keyboard: the focus goes to the status line, which says it is checking.
  answer = "hold";
  await page.getByRole("button", { name: "Retry the check" }).focus();
  await page.keyboard.press("Enter");
  await expect(status).toHaveText("Checking IDs at your other sites…");
  await expect(status).toBeFocused();
  await expect(submit).toBeDisabled();
  answer = "pass";
  release();
  await expect(status).toHaveText("1 pasted ID is already in use at your other sites (marked in the grid).");
  await expect(page.getByTestId("invalid-count")).toHaveText(/6 with errors/);
  await expect(page.getByTestId("paste-row-3")).toContainText(
    `Device ID (yours) "${held}" is already used by Held cam at ${holderName}. Choose another ID.`,
  );
  // "Skip the invalid rows" stays on and now leaves out that row too.
  await expect(page.getByLabel("Skip the 6 invalid rows", { exact: true })).toBeChecked();
  await expect(submit).toHaveText("Provision 35 devices");
  await expect(submit).toBeEnabled();
  await shots(page, "review-lookup-found");

  // Another ID typed in is asked about once the typing pauses; it is free, so the row is sent again.
  await page.getByLabel("Sheet line 3 Device ID (yours)").fill(`${held}-new`);
  await expect(status).toHaveText("No pasted ID is in use at your other sites.");
  await expect(page.getByTestId("invalid-count")).toHaveText(/5 with errors/);
  await expect(submit).toHaveText("Provision 36 devices");
  await expect(submit).toBeEnabled();
});

test("back and next lose nothing done in a step, and each step change takes the focus to its heading", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const stepShots = screenshotsTo("/tmp/shots/devices", {
    prefix: "devices-",
    sizes: SMALL_LAPTOP_AND_PHONE,
    // Every step also fits a phone's width: a column's samples on one line once widened the match step past it.
    check: async (p, name, label, size) => {
      await expectAccessible(p, "main");
      await fitsTheWidth(p, name, label, size);
    },
  });
  const { siteId } = await newSite(page, "Review steps", "operator");
  const text = sheet("steps");
  await page.goto(`/sites/${siteId}/devices/paste`);
  const heading = (name: string) => page.getByRole("heading", { name, exact: true });
  await page.getByRole("textbox", { name: "Device list" }).fill(text);
  await page.getByRole("button", { name: "Next: match columns" }).click();
  await expect(heading("Match columns")).toBeFocused();
  // The user's own match: the MAC column ignored, so line 38's bad MAC is no error.
  const mac = page.getByLabel('Column "MAC"');
  await mac.selectOption("");
  await page.getByRole("button", { name: "Next: review rows" }).click();
  await expect(heading("Review and send")).toBeFocused();
  await expect(page.getByTestId("invalid-count")).toHaveText(/4 with errors/);

  // Their review: a name typed in, a row skipped, another deleted.
  await page.getByLabel("Show only rows with errors").check();
  await page.getByLabel("Sheet line 21 Name").fill("Gate 21");
  await page.getByRole("button", { name: "Skip Sheet line 31" }).click();
  await page.getByRole("button", { name: "Delete Sheet line 40" }).click();
  const kept = async () => {
    await expect(page.getByTestId("invalid-count")).toHaveText(/1 with errors/);
    await expect(page.getByTestId("skipped-count")).toHaveText(/1 skipped/);
    await expect(page.getByTestId("paste-row-40")).toHaveCount(0);
    await expect(page.getByLabel("Show only rows with errors")).toBeChecked();
  };
  await kept();

  // Back to the paste: the focus follows each step, the match and the text are as left.
  await page.getByRole("button", { name: "Back" }).click();
  await expect(heading("Match columns")).toBeFocused();
  await expect(mac).toHaveValue("");
  await page.getByRole("button", { name: "Back" }).click();
  await expect(heading("Paste your device list")).toBeFocused();
  await expect(page.getByRole("textbox", { name: "Device list" })).toHaveValue(text);
  await stepShots(page, "steps-back-to-paste");

  // Next, Next: the same text keeps its match, the same match keeps the review.
  await page.getByRole("button", { name: "Next: match columns" }).click();
  await expect(heading("Match columns")).toBeFocused();
  await expect(mac).toHaveValue("");
  await stepShots(page, "steps-match");
  await page.getByRole("button", { name: "Next: review rows" }).click();
  await expect(heading("Review and send")).toBeFocused();
  await kept();
  await expect(page.getByRole("button", { name: "Undo delete of sheet line 40" })).toBeVisible();

  // Another match of the same sheet (the Zone column ignored) keeps the typed name, the skip and the delete.
  await page.getByRole("button", { name: "Back" }).click();
  await page.getByLabel('Column "Zone"').selectOption("");
  await page.getByRole("button", { name: "Next: review rows" }).click();
  await expect(heading("Review and send")).toBeFocused();
  await kept();
  await page.getByLabel("Show only rows with errors").uncheck();
  await expect(page.getByLabel("Sheet line 21 Name")).toHaveValue("Gate 21");
  await stepShots(page, "steps-review-again");
});

test("what the review said belongs to it: a send's failure goes with Back, the last notice with a new match", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const reviewShots = screenshotsTo("/tmp/shots/devices", { prefix: "devices-", sizes: SMALL_LAPTOP_AND_PHONE });
  const siteId = await sheetInReview(page, "Review said", "said");
  const heading = page.getByRole("heading", { name: "Review and send", exact: true });
  const review = page.locator("section").filter({ has: heading });
  const notice = page.getByTestId("review-notice");
  await expect(page.getByTestId("lookup-status")).toHaveText("No pasted ID is in use at your other sites.");
  await page.getByLabel("Show only rows with errors").check();
  await page.getByRole("button", { name: "Delete Sheet line 40" }).click();
  await expect(notice).toHaveText("Sheet line 40 deleted from the paste.");
  await page.getByLabel(/^Skip the \d+ invalid rows$/).check();

  // The send is lost on its way, as a dropped connection would lose it: the review says so under the send.
  await page.route(`**/sites/${siteId}/devices/paste`, (route) =>
    route.request().method() === "POST" ? route.abort("failed") : route.continue(),
  );
  await page.getByRole("button", { name: /Provision \d+ devices/ }).click();
  await expect(review.getByRole("alert")).toContainText("We got no answer from the server");
  await expectAccessible(page, "main");
  await reviewShots(page, "review-send-failed");
  await page.unroute(`**/sites/${siteId}/devices/paste`);

  // Back, then Next with nothing changed: the same review, its notice and undo kept, but no old failure.
  await page.getByRole("button", { name: "Back" }).click();
  await page.getByRole("button", { name: "Next: review rows" }).click();
  await expect(heading).toBeFocused();
  await expect(page.getByRole("button", { name: "Undo delete of sheet line 40" })).toBeVisible();
  await expect(notice).toHaveText("Sheet line 40 deleted from the paste.");
  await expect(review.getByRole("alert")).toHaveCount(0);

  // Another match builds the review again: the notice said of the last one goes too.
  await page.getByRole("button", { name: "Back" }).click();
  await page.getByLabel('Column "Zone"').selectOption("");
  await page.getByRole("button", { name: "Next: review rows" }).click();
  await expect(heading).toBeFocused();
  await expect(page.getByTestId("paste-row-40")).toHaveCount(0);
  await expect(notice).toHaveText("");
  await expect(review.getByRole("alert")).toHaveCount(0);
  await expectAccessible(page, "main");
  await reviewShots(page, "review-built-again");
});
