// Every view of one alarm says the same about its time left: the open detail's title turns red
// exactly when its queue row does (the dealer's M, not a fixed minute), the screen reader's
// announcement and the dashboard card give the same minutes, and a site time never passes the
// viewer's own zone off as the site's.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DetailTitle } from "@/components/verifications/detail/detail-title";
import { QueueRow } from "@/components/verifications/queue/queue-row";
import { announcement, siteTime } from "@/components/verifications/shared/format";
import { WaitingCard } from "@/app/(console)/_dashboard/waiting-card";
import type { EscalationSettings } from "@/lib/verifications/escalation";
import { QUEUE_NOW, queueItem } from "../support/queue-item";

const T = QUEUE_NOW;
const M120: EscalationSettings = { unclaimedSeconds: 60, remainingSeconds: 120 };
const leftS = (s: number) => queueItem("v1", 1, { state: "claimed", expiresAt: new Date(T + s * 1000).toISOString() });

function titleIsRed(s: number, escalation: EscalationSettings) {
  const html = renderToStaticMarkup(createElement(DetailTitle, { item: leftS(s), now: T, escalation }));
  const countdown = html.match(/<span class="([^"]*)" data-testid="detail-countdown"/);
  expect(countdown).not.toBeNull();
  return countdown?.[1].includes("text-red-700");
}

function rowIsRed(s: number, escalation: EscalationSettings) {
  const html = renderToStaticMarkup(
    createElement(QueueRow, {
      item: leftS(s),
      now: T,
      escalation,
      selected: false,
      onSelect: () => undefined,
      onOpen: () => undefined,
    }),
  );
  const urgency = html.match(/data-urgency="(\w+)"/)?.[1];
  const countdown = html.match(/data-testid="countdown" class="([^"]*)"/)?.[1] ?? "";
  expect(countdown.includes("text-red-700")).toBe(urgency === "red");
  return urgency === "red";
}

describe("the detail title and the queue row agree on red", () => {
  it.each([
    { s: 90, m: M120, red: true },
    { s: 120, m: M120, red: false },
    { s: 119.999, m: M120, red: true },
    { s: 59.9, m: M120, red: true },
    { s: 90, m: { unclaimedSeconds: 60, remainingSeconds: 60 }, red: false },
    { s: 50, m: { unclaimedSeconds: 60, remainingSeconds: 60 }, red: true },
  ])("$s s left, M = $m.remainingSeconds s: red $red in both", ({ s, m, red }) => {
    expect(rowIsRed(s, m)).toBe(red);
    expect(titleIsRed(s, m)).toBe(red);
  });
});

describe("the announcement and the dashboard card say the same minutes", () => {
  function cardMinutes(s: number) {
    const html = renderToStaticMarkup(
      createElement(WaitingCard, {
        now: new Date(T),
        waiting: [
          {
            id: "v1",
            siteId: 1,
            siteName: "Camden Office Suites",
            description: "Panic",
            occurredAt: new Date(T - 60_000),
            expiresAt: new Date(T + s * 1000),
            state: "pending",
            claimedByName: null,
          },
        ],
      }),
    );
    // The minutes are their own ticking element (expires-in.tsx): read the card's text, not its markup.
    return Number(html.replace(/<[^>]+>/g, "").match(/expires in (\d+) min/)?.[1]);
  }
  const spokenMinutes = (s: number) => Number(announcement(leftS(s), T).match(/, (\d+) minutes?$/)?.[1]);

  it.each([20, 59.9, 60, 65, 90, 540])("%s s left", (s) => {
    expect(spokenMinutes(s)).toBe(cardMinutes(s));
  });

  it("never says 0 minutes while time remains", () => {
    expect(announcement(leftS(20), T)).toMatch(/, 1 minute$/);
    expect(announcement(leftS(0), T)).toMatch(/, 0 minutes$/);
  });
});

describe("siteTime names the zone it shows, UTC when the site's is missing or unknown", () => {
  const at = "2025-01-01T14:03:12Z";
  // A viewer far from UTC: a fallback to the viewer's zone would show 06:03:12 and no UTC.
  let tz: string | undefined;
  beforeEach(() => {
    tz = process.env.TZ;
    process.env.TZ = "America/Los_Angeles";
  });
  afterEach(() => {
    if (tz === undefined) delete process.env.TZ;
    else process.env.TZ = tz;
  });

  it.each([null, "Not/AZone", ""])("zone %j: UTC, named", (zone) => {
    expect(siteTime(at, zone)).toBe("14:03:12 UTC");
  });

  it("the site's own zone, named, on a 24-hour clock", () => {
    expect(siteTime(at, "Asia/Seoul")).toBe("23:03:12 GMT+9");
    expect(siteTime("2025-07-01T04:05:06Z", "America/New_York")).toBe("00:05:06 EDT");
  });
});
