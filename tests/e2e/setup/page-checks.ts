// The checks every page of the e2e specs gets: an axe scan with no serious or critical violation,
// and screenshots at a laptop and a phone size (or at the page's own size) for a person to look at.
import fs from "node:fs";
import { errors, expect, test, type Page } from "@playwright/test";
import { axeViolations } from "./axe";

/** No serious or critical axe violation inside `selector` (or the whole page); the message lists them. */
export async function expectNoSeriousA11y(page: Page, selector?: string) {
  const bad = (await axeViolations(page, selector)).filter((v) => v.impact === "serious" || v.impact === "critical");
  const where = (v: (typeof bad)[number]) => v.targets.slice(0, 3).join(", ");
  expect(bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${where(v)}`)).toEqual([]);
}

export const VIEWPORTS = {
  laptop: { width: 1366, height: 900 },
  phone: { width: 390, height: 844 },
} as const;

/** A 1280×800 laptop beside the phone: the smaller laptop a page must still fit. */
export const SMALL_LAPTOP_AND_PHONE = { laptop: { width: 1280, height: 800 }, phone: VIEWPORTS.phone } as const;

/** A `check` for screenshotsTo: the page is no wider than the screen at that size (nothing to scroll sideways). */
export async function fitsTheWidth(page: Page, name: string, label: string, size: { width: number }) {
  expect(await sticksOut(page, size.width), `${name} at ${label} width`).toBe("");
}

/** How wide the page is laid out: wider than the viewport, it scrolls sideways. */
const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/**
 * How long a layout may take to follow a new viewport size: a chart redraws at its box's new width only once a
 * ResizeObserver has reported it, after the resize (a busy CI box measured the report's chart at the laptop's
 * width right after the switch to the phone).
 */
const SETTLE_MS = 10_000;

/**
 * "" when the page is no wider than `width` (given SETTLE_MS to get there); else how wide it is and the first
 * elements past that edge (not those inside a box that scrolls on its own, a wide table's).
 */
export async function sticksOut(page: Page, width: number): Promise<string> {
  const fits = await expect
    .poll(() => pageWidth(page), { timeout: SETTLE_MS })
    .toBeLessThanOrEqual(width)
    .then(
      () => true,
      () => false,
    );
  if (fits) return "";
  const { wide, culprits } = await page.evaluate((max) => {
    const out = [...document.body.querySelectorAll("*")]
      .filter((el) => el.getBoundingClientRect().right > max + 0.5 && !el.closest(".overflow-x-auto *, .sr-only"))
      .slice(0, 5)
      .map((el) => {
        const classes = String(el.getAttribute("class") ?? "")
          .split(" ")
          .filter(Boolean)
          .slice(0, 3);
        return `${[el.tagName.toLowerCase(), ...classes].join(".")} "${(el.textContent ?? "").trim().slice(0, 30)}"`;
      });
    return { wide: document.documentElement.scrollWidth, culprits: out };
  }, width);
  return `${wide} px wide; sticking out: ${culprits.join(" | ")}`;
}

type ShotOptions = {
  /** Prefix of the file in the test's output folder (Playwright keeps it with the report). */
  prefix?: string;
  /** Whole page rather than the viewport: "both", or only at the laptop size. */
  fullPage?: "both" | "laptop" | "none";
  /** Create `dir` when missing; otherwise a copy is kept only where the folder already exists. */
  makeDir?: boolean;
  /** The sizes to take, by label (default VIEWPORTS). */
  sizes?: Record<string, { width: number; height: number }>;
  /** Run at each size before the screenshot (a layout check that fails the test). */
  check?: (page: Page, name: string, label: string, size: { width: number; height: number }) => Promise<void>;
};

/**
 * A screenshot, tried a second time when the first times out. Once, on a CI box at a load of 3.4, Chromium gave
 * no frame for 15 s after a resize to the phone, every assertion of the test having passed; a page that really
 * hangs times out twice.
 */
async function screenshot(page: Page, options: { path: string; fullPage: boolean }) {
  try {
    await page.screenshot(options);
  } catch (error) {
    if (!(error instanceof errors.TimeoutError)) throw error;
    await page.screenshot(options);
  }
}

type ShotAsIsOptions = {
  /** Whole page rather than the viewport. */
  fullPage?: boolean;
  /** A folder a person looks in: the file is copied there when the folder exists. */
  dir?: string;
  /** The copy's name in `dir`, without ".png" (default the file's). */
  copyAs?: string;
  /** Create `dir` when missing. */
  makeDir?: boolean;
};

/**
 * `shotAsIs(page, name)`: one screenshot of the page at the size it has now, written to the test's output
 * folder as `<name>.png` (Playwright keeps it with the report) and copied to `dir` when given.
 */
export async function shotAsIs(
  page: Page,
  name: string,
  { fullPage = false, dir, copyAs = name, makeDir = false }: ShotAsIsOptions = {},
) {
  const file = test.info().outputPath(`${name}.png`);
  await screenshot(page, { path: file, fullPage });
  if (!dir) return;
  if (makeDir) fs.mkdirSync(dir, { recursive: true });
  if (fs.existsSync(dir)) fs.copyFileSync(file, `${dir}/${copyAs}.png`);
}

/**
 * `shots(page, name)`: laptop and phone screenshots of the page as it is now, written to the test's
 * output folder and copied to `dir/<name>-<laptop|phone>.png`; the viewport is put back after.
 */
export function screenshotsTo(
  dir: string,
  { prefix = "", fullPage = "both", makeDir = false, sizes = VIEWPORTS, check }: ShotOptions = {},
) {
  return async function shots(page: Page, name: string) {
    const before = page.viewportSize();
    for (const [label, size] of Object.entries(sizes)) {
      await page.setViewportSize(size);
      await check?.(page, name, label, size);
      await shotAsIs(page, `${prefix}${name}-${label}`, {
        fullPage: fullPage === "both" || (fullPage === "laptop" && label === "laptop"),
        dir,
        copyAs: `${name}-${label}`,
        makeDir,
      });
    }
    if (before) await page.setViewportSize(before);
  };
}
