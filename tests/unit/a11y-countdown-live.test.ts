// Countdowns and live regions: a screen reader reads a live region again whenever its text changes, so a
// region holding "sending in 4 s" is read out every second. Each countdown's region (CountdownText) keeps
// steady words, the seconds follow outside it; the sync box's moving count is no region, its phase is.
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { BudgetWaitNotice } from "@/components/forms/form-failure";
import { waitToastMessage } from "@/components/forms/use-budget-wait";
import { AnswerStatus } from "@/components/verifications/answer/answer-status";

const sync = vi.hoisted(() => ({ current: {} as Record<string, unknown> }));
vi.mock("@/lib/mirror/read", () => ({ findMirrorSync: async () => sync.current }));
vi.mock("@/components/mirror/auto-refresh", () => ({ AutoRefresh: () => null }));

/** The text inside each live region of the markup (role status or alert, or aria-live), tags dropped. */
function liveTexts(html: string): string[] {
  const found: string[] = [];
  const open = /<(\w+)[^>]*(?:role="(?:status|alert)"|aria-live="(?:polite|assertive)")[^>]*>/g;
  for (let m = open.exec(html); m; m = open.exec(html)) {
    const close = html.indexOf(`</${m[1]}>`, m.index);
    found.push(html.slice(m.index + m[0].length, close).replace(/<[^>]+>/g, ""));
  }
  return found;
}
const text = (html: string) => html.replace(/<[^>]+>/g, "");
const noop = () => undefined;

describe("countdowns in live regions", () => {
  it("the form's rate-limit wait announces steady words; the seconds stay readable beside them", () => {
    const at = (s: number) => renderToStaticMarkup(createElement(BudgetWaitNotice, { secondsLeft: s, onCancel: noop }));
    expect(liveTexts(at(4))).toEqual(["Waiting for CHeKT&#x27;s rate limit"]);
    expect(liveTexts(at(3))).toEqual(liveTexts(at(4)));
    expect(text(at(3))).toContain("rate limit — sending in 3 s");
  });

  it("the wait's toast (sonner's list is a live region) hides its seconds from the screen reader", () => {
    const html = renderToStaticMarkup(waitToastMessage(4));
    expect(html).toBe('Waiting for CHeKT&#x27;s rate limit<span aria-hidden="true"> — sending in 4 s</span>');
  });

  it("an answer's resend wait announces why it waits, not its seconds", () => {
    const at = (inS: number) =>
      renderToStaticMarkup(
        createElement(AnswerStatus, {
          phase: { kind: "waiting", action: "dispatch", reason: "CHeKT's rate limit", inS },
          stored: null,
          onCancel: noop,
          onCheck: noop,
          onResend: noop,
        }),
      );
    expect(liveTexts(at(5))).toEqual(["Waiting for CHeKT (CHeKT&#x27;s rate limit)"]);
    expect(text(at(5))).toContain("retrying the dispatch in 5 s");
  });

  it("a running sync announces its phase once; its count, which moves at each refresh, is no live region", async () => {
    const { SyncProgress } = await import("@/components/mirror/sync-progress");
    const at = async (done: number) => {
      sync.current = { state: "running", phase: "sites", done, total: 40, firstSync: false, skipped: 0 };
      return renderToStaticMarkup((await SyncProgress({ dealerLinkId: "d1" })) as ReactElement);
    };
    const [first, later] = [await at(12), await at(13)];
    expect(liveTexts(first)).toEqual(["Syncing with CHeKT: reading sites."]);
    expect(liveTexts(later)).toEqual(liveTexts(first));
    expect(text(later)).toContain("Reading sites — 13 of 40.");
  });
});
