// The desk's "open" and "time left" rules (lib/verifications/open.ts, lib/verifications/escalation.ts)
// at their edges, and the queue's own filter built on them (components/verifications/queue/open-items.ts).
import { describe, expect, it } from "vitest";
import { isOpen, OPEN_STATES } from "@/lib/verifications/open";
import { DEFAULT_ESCALATION, isRunningOut, minutesLeft } from "@/lib/verifications/escalation";
import { VERIFICATION_STATES } from "@/lib/verifications/types";
import { openItems } from "@/components/verifications/queue/open-items";
import { QUEUE_NOW, queueItem } from "../support/queue-item";

const T = QUEUE_NOW;
const deadline = new Date(T).toISOString();
/** `now` that many milliseconds before the deadline T. */
const before = (ms: number) => T - ms;

describe("isOpen", () => {
  it("is open 1 ms before the deadline and no longer exactly at it", () => {
    expect(isOpen({ state: "pending", expiresAt: deadline }, before(1))).toBe(true);
    expect(isOpen({ state: "claimed", expiresAt: deadline }, before(1))).toBe(true);
    expect(isOpen({ state: "pending", expiresAt: deadline }, before(0))).toBe(false);
    expect(isOpen({ state: "claimed", expiresAt: deadline }, before(-1))).toBe(false);
  });

  it("reads Date and ISO deadlines and clocks alike (the server's rows and the page's items)", () => {
    expect(isOpen({ state: "pending", expiresAt: new Date(T) }, new Date(before(1)))).toBe(true);
    expect(isOpen({ state: "pending", expiresAt: new Date(T) }, new Date(T))).toBe(false);
  });

  it("is open only in pending and claimed, however much time is left", () => {
    const open = VERIFICATION_STATES.filter((state) => isOpen({ state, expiresAt: deadline }, before(60_000)));
    expect(open).toEqual([...OPEN_STATES]);
    expect(open).toEqual(["pending", "claimed"]);
  });
});

describe("minutesLeft: whole minutes, rounded up", () => {
  it.each([
    { leftMs: 0, minutes: 0 },
    { leftMs: -5_000, minutes: 0 },
    { leftMs: 1, minutes: 1 },
    { leftMs: 59_900, minutes: 1 },
    { leftMs: 60_000, minutes: 1 },
    { leftMs: 60_001, minutes: 2 },
    { leftMs: 540_000, minutes: 9 },
  ])("$leftMs ms left is $minutes min", ({ leftMs, minutes }) => {
    expect(minutesLeft(deadline, before(leftMs))).toBe(minutes);
    expect(minutesLeft(new Date(T), new Date(before(leftMs)))).toBe(minutes);
  });
});

describe("isRunningOut: under the dealer's M seconds", () => {
  const M = DEFAULT_ESCALATION.remainingSeconds;
  it.each([
    { leftMs: M * 1000 + 1, red: false },
    { leftMs: M * 1000, red: false },
    { leftMs: M * 1000 - 1, red: true },
    { leftMs: 90_000, red: true },
    { leftMs: 59_900, red: true },
    { leftMs: 0, red: true },
  ])("$leftMs ms left with M = 120 s: $red", ({ leftMs, red }) => {
    expect(isRunningOut({ expiresAt: deadline }, before(leftMs), M)).toBe(red);
  });

  it("follows the threshold it is given, not a fixed minute", () => {
    expect(isRunningOut({ expiresAt: deadline }, before(90_000), 60)).toBe(false);
    expect(isRunningOut({ expiresAt: deadline }, before(90_000), 120)).toBe(true);
  });
});

describe("openItems", () => {
  it("keeps the open items only: not one past its deadline, nor one in a closed state", () => {
    const items = [
      queueItem("open", 1, { expiresAt: new Date(T + 1).toISOString() }),
      queueItem("at-deadline", 1, { expiresAt: deadline }),
      queueItem("answered", 1, { state: "dispatched", expiresAt: new Date(T + 60_000).toISOString() }),
    ];
    expect(openItems(items, T, "deadline").map((i) => i.id)).toEqual(["open"]);
  });
});
