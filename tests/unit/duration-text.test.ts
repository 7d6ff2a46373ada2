// How long ago and for how long, in words (lib/duration-text.ts), as the fleet pages, readiness and the
// alert mail write it: one unit that reads well at every scale, on an injected `now`.
import { describe, expect, it } from "vitest";
import { ago, duration, minutesText } from "@/lib/duration-text";

const now = new Date("2026-12-03T12:00:00Z");
const before = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

describe("fleet times", () => {
  it("picks the unit that reads best, minutes to years", () => {
    expect(duration(before(0.5), now)).toBe("under a minute");
    expect(duration(before(12), now)).toBe("12 min");
    expect(duration(before(3 * 60), now)).toBe("3 h");
    expect(duration(before(47 * 60), now)).toBe("47 h");
    expect(duration(before(9 * 1440), now)).toBe("9 d");
    expect(duration(before(35 * 1440), now)).toBe("5 wk");
    expect(duration(before(676 * 1440), now)).toBe("22 mo");
    expect(duration(before(1100 * 1440), now)).toBe("3 yr");
  });
  it("counts whole units, never rounding up: 29.6 minutes is 29 min, 47.9 hours 47 h", () => {
    expect(duration(before(29.6), now)).toBe("29 min");
    expect(duration(before(47.9 * 60), now)).toBe("47 h");
  });
  it("a time in the future (a clock ahead of ours) reads as now, never negative", () => {
    expect(duration(new Date(now.getTime() + 60_000), now)).toBe("under a minute");
    expect(ago(new Date(now.getTime() + 60_000), now)).toBe("just now");
  });
  it("ago: the duration and 'ago', or 'just now'", () => {
    expect(ago(before(12), now)).toBe("12 min ago");
    expect(ago(before(676 * 1440), now)).toBe("22 mo ago");
    expect(ago(before(0.2), now)).toBe("just now");
  });
  it("a threshold in words", () => {
    expect(minutesText(1)).toBe("1 minute");
    expect(minutesText(30)).toBe("30 minutes");
    expect(minutesText(60)).toBe("1 hour");
    expect(minutesText(90)).toBe("1 h 30 min");
    expect(minutesText(1440)).toBe("1 day");
    expect(minutesText(10_080)).toBe("7 days");
    expect(minutesText(1500)).toBe("25 hours");
  });
});
