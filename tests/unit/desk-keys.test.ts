// The desk's answer keys (components/verifications/queue/desk-keys.ts), the same in the queue and in the
// opened alarm, where the operator decides and whose button says "Claim (c)"; the queue's key hint names
// Esc, which closes the opened alarm.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { deskKeyAction, isTyping } from "@/components/verifications/queue/desk-keys";
import { QueueHeader } from "@/components/verifications/queue/queue-header";

const pending = { state: "pending", claimedByMe: false } as const;
const mine = { state: "claimed", claimedByMe: true } as const;
const theirs = { state: "claimed", claimedByMe: false } as const;

describe("deskKeyAction", () => {
  it.each(["queue", "detail"] as const)("%s: d asks for the dispatch picker, x for the disregard picker", (where) => {
    for (const item of [pending, mine, theirs]) {
      expect(deskKeyAction("d", item, where)).toBe("dispatch");
      expect(deskKeyAction("x", item, where)).toBe("disregard");
      for (const key of ["Escape", "Enter", "D", "q"]) expect(deskKeyAction(key, item, where)).toBeNull();
    }
  });

  it("in the opened alarm, c claims what nobody holds, as its Claim (c) button does, and nothing else", () => {
    expect(deskKeyAction("c", pending, "detail")).toBe("claim");
    expect(deskKeyAction("c", mine, "detail")).toBeNull();
    expect(deskKeyAction("c", theirs, "detail")).toBeNull();
  });

  it("in the queue, c claims (or opens one's own claim again) but never another operator's", () => {
    expect(deskKeyAction("c", pending, "queue")).toBe("claim");
    expect(deskKeyAction("c", mine, "queue")).toBe("claim");
    expect(deskKeyAction("c", theirs, "queue")).toBeNull();
  });
});

describe("isTyping", () => {
  it.each([
    ["INPUT", false, true],
    ["TEXTAREA", false, true],
    ["SELECT", false, true],
    ["DIV", true, true],
    ["BUTTON", false, false],
    ["LI", false, false],
  ])("%s (contenteditable %s): %s", (tagName, isContentEditable, typing) => {
    expect(isTyping(Object.assign(new EventTarget(), { tagName, isContentEditable }))).toBe(typing);
  });
});

describe("the queue's key hint", () => {
  it("names Esc and says the answer keys work in the opened alarm too", () => {
    const html = renderToStaticMarkup(
      createElement(QueueHeader, {
        status: "live",
        count: 1,
        sort: "priority",
        showEscalationLink: false,
        alerts: {
          supported: false,
          on: false,
          soundPaused: false,
          ask: false,
          onRef: { current: false },
          turnOn: async () => undefined,
          turnOff: () => undefined,
          notNow: () => undefined,
        },
      }),
    );
    expect(html).toContain("<kbd");
    expect(html).toMatch(/>Esc<\/kbd> close/);
    expect(html).toContain("in the opened alarm");
  });
});
