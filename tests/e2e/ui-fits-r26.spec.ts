// The twenty-sixth UI review's findings, in a real browser at a 1280×800 laptop and a 390×844 phone: the
// site import's review shows every value whole in its box, the import and the device paste name the ID
// column as the forms do ("Site ID (yours)", "Device ID (yours)") in headers, help and errors, the mirror's
// freshness line never starts a line with its "·", and the desk settings' outcome rows read on one line on
// a laptop and keep their move buttons together on a phone. axe on every page; screenshots under
// /tmp/shots/r26-ui1.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { signIn } from "./setup";
import { expectNoSeriousA11y, fitsTheWidth, screenshotsTo, SMALL_LAPTOP_AND_PHONE } from "./setup/page-checks";
import { partner } from "./setup/partner";
import { newSite, stamp } from "./devices-helpers";
import { siteShownToOperator } from "./sites-helpers";

const { laptop: LAPTOP, phone: PHONE } = SMALL_LAPTOP_AND_PHONE;
const shots = screenshotsTo("/tmp/shots/r26-ui1", { makeDir: true, fullPage: "none", sizes: SMALL_LAPTOP_AND_PHONE });

/** The page's text as laid out, for wording no step may use. */
const pageText = (page: Page) => page.locator("main").evaluate((el) => (el as HTMLElement).innerText);

/** The grid's text boxes whose value (or, empty, its placeholder) does not fit the room inside the box. */
function cutValues(grid: Locator) {
  return grid.locator("input[data-cell]").evaluateAll((inputs) => {
    const ctx = document.createElement("canvas").getContext("2d")!;
    return inputs.flatMap((el) => {
      const input = el as HTMLInputElement;
      const style = getComputedStyle(input);
      ctx.font = style.font;
      const text = input.value || input.placeholder;
      const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const needs = ctx.measureText(text).width;
      return needs > room
        ? [`${input.getAttribute("aria-label")}: "${text}" needs ${Math.ceil(needs)} of ${room}`]
        : [];
    });
  });
}

test("site import: the review shows every value whole, and names the ID column as the site forms do", async ({
  page,
}) => {
  await page.setViewportSize(LAPTOP);
  await signIn(page, "operator", "/sites/import");
  await expect(page.getByLabel("Pattern for rows without a Site ID (yours)")).toBeVisible();
  const id = (x: string) => `r26-${x}-${stamp}`;
  const sheet = [
    "Site ID (yours),Name,Time zone,Account,Address,Contact 1 name,Contact 1 phone,Contact 1 email",
    `${id("a")},Harbor Logistics Warehouse North,America/Los_Angeles,HLW-004512,` +
      `"1200 Harbor Boulevard, Building 4",Margaret Castellanos-Whitfield,+1 (415) 555-0143,` +
      "operations.manager@harborlogistics.com",
    `${id("a")},Bayside Cold Storage Annex,America/New_York,BCS-2231,"88 Pier Road, Unit 12",` +
      "Dee Ray,212 555 0199,dee.ray@baysidecold.example",
  ].join("\n");
  await page.getByRole("textbox", { name: "Site sheet" }).fill(sheet);
  await page.getByRole("button", { name: "Next: match columns" }).click();
  // The forms' wording as a sheet header is read as the ID column.
  await expect(page.getByLabel('Column "Site ID (yours)"')).toHaveValue("external_site_id");
  await page.getByRole("button", { name: "Next: review rows" }).click();
  const grid = page.getByRole("grid", { name: "Sites to import" });
  await expect(grid.getByRole("columnheader", { name: "Site ID (yours)", exact: true })).toBeVisible();
  await expect(page.getByTestId("paste-row-3")).toContainText(`Site ID (yours) "${id("a")}" is also on sheet line 2`);
  expect(await pageText(page)).not.toMatch(/external id/i);
  for (const size of [LAPTOP, PHONE]) {
    await page.setViewportSize(size);
    expect(await cutValues(grid), `values cut at ${size.width} px`).toEqual([]);
  }
  await expectNoSeriousA11y(page);
  await shots(page, "import-review");
});

test("device paste: every step names the ID column as the device forms do", async ({ page }) => {
  await page.setViewportSize(LAPTOP);
  const { siteId } = await newSite(page, "Wording", "operator");
  await page.goto(`/sites/${siteId}/devices/paste`);
  await expect(page.getByText(/^Required per device: Device ID \(yours\), type/)).toBeVisible();
  await expect(page.getByText("Update existing devices, matched by Device ID (yours)")).toBeVisible();
  expect(await pageText(page)).not.toMatch(/external id/i);
  const dup = `r26-dup-${stamp}`;
  await page
    .getByRole("textbox", { name: "Device list" })
    .fill(`Device ID (yours)\tType\tName\n${dup}\tcamera\tGate\n${dup}\tcamera\tYard`);
  await page.getByRole("button", { name: "Next: match columns" }).click();
  await expect(page.getByLabel('Column "Device ID (yours)"')).toHaveValue("external_device_id");
  expect(await pageText(page)).not.toMatch(/external id/i);
  await page.getByRole("button", { name: "Next: review rows" }).click();
  const grid = page.getByRole("grid", { name: "Pasted devices" });
  await expect(grid.getByRole("columnheader", { name: "Device ID (yours)", exact: true })).toBeVisible();
  await expect(page.getByTestId("paste-row-3")).toContainText(`Device ID (yours) "${dup}" is also on sheet line 2`);
  expect(await pageText(page)).not.toMatch(/external id/i);
  await expectNoSeriousA11y(page);
  await shots(page, "paste-review");
});

/** The first character of each laid-out line of the freshness lines' text, by the characters' boxes. */
function lineStarts(page: Page) {
  return page.getByTestId("freshness").evaluateAll((boxes) =>
    boxes.map((box) => {
      const line = box.querySelector("p")!;
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      const starts: { top: number; char: string }[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? "";
        for (let i = 0; i < text.length; i++) {
          if (!text[i].trim()) continue;
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = range.getBoundingClientRect();
          if (!rect.height) continue;
          if (!starts.some((s) => Math.abs(s.top - rect.top) < rect.height / 2))
            starts.push({ top: rect.top, char: text[i] });
        }
      }
      return starts.map((s) => s.char).join("");
    }),
  );
}

test("the freshness line never starts a line with its '·', however narrow", async ({ page }) => {
  const name = `Freshness wraps ${stamp}`;
  const siteId = await siteShownToOperator(page, {
    external_site_id: `r26-fresh-${stamp}`,
    name,
    timezone: "Europe/Paris",
  });
  await page.goto(`/sites/${siteId}`);
  await partner(`/sites/${siteId}`, "PUT", { name: `${name} Renamed` });
  const details = page.getByTestId("freshness").first();
  await details.getByRole("button", { name: "Refresh" }).click();
  await expect(details).toContainText(/changed in CHeKT/);
  // "As of … · changed in CHeKT (seen …) · Refresh" at every phone and laptop width.
  const widths = [LAPTOP.width, PHONE.width].map(Number);
  for (let w = 320; w <= 560; w += 4) widths.push(w);
  for (let w = 1024; w <= 1440; w += 8) widths.push(w);
  for (const width of widths) {
    await page.setViewportSize({ width, height: 800 });
    for (const starts of await lineStarts(page))
      expect(starts, `a line starts with "·" at ${width} px`).not.toMatch(/·/);
  }
  await page.setViewportSize(LAPTOP);
  await expectNoSeriousA11y(page);
  await shots(page, "freshness");
});

/** Each outcome row's controls: their vertical middles and whether they stay inside the row. */
function outcomeRows(page: Page) {
  return page
    .getByTestId("outcomes-editor")
    .locator("li")
    .evaluateAll((rows) =>
      rows.map((row) => {
        const r = row.getBoundingClientRect();
        const parts = [...row.querySelectorAll("button, input, select")].map((el) => {
          const b = el.getBoundingClientRect();
          return {
            name: el.getAttribute("aria-label") ?? (el as HTMLInputElement).type,
            middle: b.top + b.height / 2,
            inside: b.left >= r.left - 0.5 && b.right <= r.right + 0.5,
          };
        });
        return parts;
      }),
    );
}

test("desk settings: an outcome row reads on one line on a laptop, its moves side by side on a phone", async ({
  page,
}) => {
  await page.setViewportSize(LAPTOP);
  await signIn(page, "admin", "/verifications/settings");
  await expect(page.getByTestId("outcomes-editor").locator("li").first()).toBeVisible();
  for (const parts of await outcomeRows(page)) {
    const middles = parts.map((p) => p.middle);
    expect(Math.max(...middles) - Math.min(...middles), `one line: ${parts.map((p) => p.name)}`).toBeLessThan(4);
  }
  await shots(page, "desk-settings");
  await page.setViewportSize(PHONE);
  for (const parts of await outcomeRows(page)) {
    const up = parts.find((p) => p.name.endsWith(" up"))!;
    const down = parts.find((p) => p.name.endsWith(" down"))!;
    expect(Math.abs(up.middle - down.middle), `${up.name} and ${down.name} on one line`).toBeLessThan(4);
    expect(
      parts.filter((p) => !p.inside).map((p) => p.name),
      "controls past the row's edge",
    ).toEqual([]);
  }
  await fitsTheWidth(page, "desk settings", "phone", PHONE);
  await expectNoSeriousA11y(page);
});
