// The console's one way to write an instant (lib/utc-text.ts) and to show one (components/ui/utc-time.tsx).
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { UtcTime } from "@/components/ui/utc-time";
import { utcBrief, utcClock, utcText } from "@/lib/utc-text";

describe("utcText", () => {
  it("writes the UTC date and time to the minute, or to the second", () => {
    const at = new Date("2026-12-03T14:34:52.123+09:00");
    expect(utcText(at)).toBe("2026-12-03 05:34 UTC");
    expect(utcText(at, "second")).toBe("2026-12-03 05:34:52 UTC");
    expect(utcClock(at)).toBe("05:34 UTC");
    expect(utcClock(at, "second")).toBe("05:34:52 UTC");
  });
  it("brief: the time alone on the same UTC day, the day too on any other", () => {
    const now = new Date("2026-12-01T15:30:00Z");
    expect(utcBrief(new Date("2026-12-01T14:02:09Z"), now)).toBe("14:02 UTC");
    expect(utcBrief(new Date("2026-12-01T00:00:00Z"), now)).toBe("00:00 UTC");
    expect(utcBrief(new Date("2026-11-30T23:59:00Z"), now)).toBe("2026-11-30 23:59 UTC");
    expect(utcBrief(new Date("2025-12-01T14:02:00Z"), now)).toBe("2025-12-01 14:02 UTC");
  });
});

describe("UtcTime", () => {
  const html = (at: Date | string | null) => renderToStaticMarkup(createElement(UtcTime, { at, precision: "second" }));
  it("is a <time> with the exact instant; no instant is a dash; an unreadable one is shown as sent", () => {
    expect(html("2026-12-03T14:34:52.000Z")).toBe(
      '<time dateTime="2026-12-03T14:34:52.000Z" class="whitespace-nowrap">2026-12-03 14:34:52 UTC</time>',
    );
    expect(html(new Date("2026-01-02T03:04:05Z"))).toContain(">2026-01-02 03:04:05 UTC<");
    expect(html(null)).toBe("—");
    expect(html("soon")).toBe("soon");
  });
  it("reads CHeKT's space-separated times as UTC, never in the machine's zone", () => {
    expect(html("2025-01-01 00:00:00")).toBe(
      '<time dateTime="2025-01-01T00:00:00.000Z" class="whitespace-nowrap">2025-01-01 00:00:00 UTC</time>',
    );
    expect(html("2025-02-30 00:00:00")).toBe("2025-02-30 00:00:00");
  });
  it("stacked: the day above the time of day to the second, one <time> (the audit's narrow column)", () => {
    const stacked = renderToStaticMarkup(createElement(UtcTime, { at: "2026-12-03T14:34:52.000Z", form: "stacked" }));
    expect(stacked).toMatch(/^<time dateTime="2026-12-03T14:34:52.000Z" class="whitespace-nowrap">.*<\/time>$/);
    expect(stacked.replace(/<[^>]+>/g, "|")).toBe("||2026-12-03||14:34:52 UTC||");
  });
});
