// The one claim button (components/verifications/shared/claim-button.tsx), rendered to HTML for each claim state:
// Claim while nobody holds the item, Take over for an admin while another operator does, nothing when it is
// one's own; the queue toolbar's compact button is small with a hand, the detail view's names its key.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ClaimButton } from "@/components/verifications/shared/claim-button";

const noop = async () => undefined;
function render(item: { state: "pending" | "claimed"; claimedByMe: boolean }, canTakeOver: boolean, compact: boolean) {
  return renderToStaticMarkup(
    createElement(ClaimButton, { item, canTakeOver, compact, pending: false, onClaim: noop }),
  );
}

describe("ClaimButton", () => {
  it.each([
    { state: "pending", mine: false, admin: false, compact: false, label: "Claim (c)" },
    { state: "pending", mine: false, admin: true, compact: true, label: "Claim" },
    { state: "claimed", mine: false, admin: true, compact: false, label: "Take over claim" },
    { state: "claimed", mine: false, admin: true, compact: true, label: "Take over" },
  ] as const)(
    "$state, mine $mine, admin $admin, compact $compact: $label",
    ({ state, mine, admin, compact, label }) => {
      const html = render({ state, claimedByMe: mine }, admin, compact);
      expect(html).toMatch(new RegExp(`>${label.replace(/[()]/g, "\\$&")}</`));
      expect(html.includes("h-8")).toBe(compact);
      expect(html.includes("<svg")).toBe(compact && state === "pending");
    },
  );

  it.each([
    { mine: true, admin: true },
    { mine: false, admin: false },
  ])("a claim that is one's own, or another's for a non-admin, shows no button (mine $mine)", ({ mine, admin }) => {
    expect(render({ state: "claimed", claimedByMe: mine }, admin, false)).toBe("");
  });
});
