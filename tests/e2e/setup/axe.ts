// axe-core run inside the page under test, for the scans of tests/e2e/setup/page-checks.ts: the same
// rules and results as @axe-core/playwright's AxeBuilder, at half its cost. AxeBuilder sends axe's
// ~600 KB source on every scan, then opens a blank page, sends the source there too and finishes the
// run in it (for cross-origin iframes, which the console has none of): ~60% of a scan's time on the
// two-core CI box. Here the source goes into each document once and axe.run scans in the page.
import axe from "axe-core";
import type { Page } from "@playwright/test";

declare global {
  interface Window {
    axe?: typeof axe;
  }
}

export type Violation = { id: string; impact: axe.ImpactValue | null; help: string; targets: string[] };

/** Every violation axe finds inside `selector` (or the whole page), with where (the first nodes' selectors). */
export async function axeViolations(page: Page, selector?: string): Promise<Violation[]> {
  const scan = () =>
    page.evaluate(async (include) => {
      const core = window.axe;
      // A document axe has not been sent to yet (a new page load): the caller sends it and asks again.
      if (!core) return null;
      // Only the violations' nodes are collected; what counts as one is unchanged.
      const results = await core.run(include ? { include: [include] } : document, { resultTypes: ["violations"] });
      return results.violations.map((v) => ({
        id: v.id,
        impact: v.impact ?? null,
        help: v.help,
        targets: v.nodes.map((n) => n.target.join(" ")),
      }));
    }, selector);
  const found = await scan();
  if (found) return found;
  await page.evaluate(axe.source);
  const again = await scan();
  if (!again) throw new Error("axe-core did not load in the page");
  return again;
}
