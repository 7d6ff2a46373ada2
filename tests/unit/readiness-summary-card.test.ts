// The dashboard's readiness card (components/sites/readiness-summary.tsx) counts sites in words that agree
// with the count: "The 1 site is ready.", "1 of 1 site not ready", never "All 1 sites".
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ReadinessSummaryCard } from "@/components/sites/readiness-summary";
import { READINESS_CHECK_KEYS } from "@/lib/readiness/rules";
import { fromKeys } from "@/lib/keys-of";

function text(sites: number, notReady: number): string {
  const byCheck = fromKeys(READINESS_CHECK_KEYS, () => 0);
  const summary = { sites, notReady, byCheck, notReadyIds: [], readyIds: [] };
  const html = renderToStaticMarkup(createElement(ReadinessSummaryCard, { summary }));
  return html.replace(/<[^>]+>/g, "").replace(/\s+/g, " ");
}

describe("ReadinessSummaryCard", () => {
  it.each([
    { sites: 1, notReady: 0, says: "The 1 site is ready." },
    { sites: 3, notReady: 0, says: "All 3 sites are ready." },
    { sites: 1, notReady: 1, says: "1 of 1 site not ready" },
    { sites: 2, notReady: 1, says: "1 of 2 sites not ready" },
  ])("sites $sites, not ready $notReady: $says", ({ sites, notReady, says }) => {
    expect(text(sites, notReady)).toContain(says);
  });
});
