// Escalation rules (lib/verifications/escalation.ts): colour by time left, escalation when an alarm
// waits unclaimed for N seconds or has under M seconds left, the admins' banner line. The clock is
// an argument: every case names its own "now".
import { describe, expect, it } from "vitest";
import {
  DEFAULT_ESCALATION,
  duration,
  escalationOf,
  newlyEscalated,
  summarizeEscalations,
} from "@/lib/verifications/escalation";

const T0 = Date.parse("2026-12-01T15:00:00Z");
const at = (s: number) => T0 + s * 1000;
/** An alarm that occurred at T0 with a 10-minute deadline. */
function item(id: string, over: { state?: string; occurredS?: number; windowS?: number } = {}) {
  const occurred = at(over.occurredS ?? 0);
  return {
    id,
    state: over.state ?? "pending",
    occurredAt: new Date(occurred).toISOString(),
    expiresAt: new Date(occurred + (over.windowS ?? 600) * 1000).toISOString(),
  };
}

describe("escalationOf: colour as the time runs out", () => {
  it("is normal with more than half the time left, amber under half, red under M seconds", () => {
    const claimed = item("a", { state: "claimed" });
    expect(escalationOf(claimed, at(299), DEFAULT_ESCALATION)).toMatchObject({
      urgency: "normal",
      urgencyLabel: "",
      escalated: false,
    });
    expect(escalationOf(claimed, at(301), DEFAULT_ESCALATION)).toMatchObject({
      urgency: "amber",
      urgencyLabel: "Less than half the time left",
      escalated: false,
    });
    expect(escalationOf(claimed, at(480), DEFAULT_ESCALATION)).toMatchObject({
      urgency: "amber",
      escalated: false,
      leftS: 120,
    });
    expect(escalationOf(claimed, at(481), DEFAULT_ESCALATION)).toMatchObject({
      urgency: "red",
      urgencyLabel: "Under 2 min left",
      escalated: true,
      reason: "Under 2 min left",
      leftS: 119,
    });
  });

  it("goes straight to red when the whole window is shorter than M", () => {
    expect(escalationOf(item("a", { state: "claimed", windowS: 90 }), at(0), DEFAULT_ESCALATION)).toMatchObject({
      urgency: "red",
      escalated: true,
    });
  });

  it("uses the dealer's M", () => {
    const settings = { unclaimedSeconds: 600, remainingSeconds: 30 };
    expect(escalationOf(item("a", { state: "claimed" }), at(569), settings)).toMatchObject({
      urgency: "amber",
      escalated: false,
    });
    expect(escalationOf(item("a", { state: "claimed" }), at(571), settings)).toMatchObject({
      urgency: "red",
      urgencyLabel: "Under 30 s left",
    });
  });
});

describe("escalationOf: unclaimed for N seconds", () => {
  it("escalates a pending alarm at N seconds, not before", () => {
    expect(escalationOf(item("a"), at(59), DEFAULT_ESCALATION)).toMatchObject({ escalated: false, unclaimedForS: 59 });
    expect(escalationOf(item("a"), at(60), DEFAULT_ESCALATION)).toMatchObject({
      escalated: true,
      reason: "Unclaimed for over 60 s",
      unclaimedForS: 60,
      urgency: "normal",
    });
  });

  it("never escalates a claimed alarm for waiting, only for running out", () => {
    expect(escalationOf(item("a", { state: "claimed" }), at(400), DEFAULT_ESCALATION)).toMatchObject({
      escalated: false,
      unclaimedForS: 0,
    });
  });

  it("uses the dealer's N", () => {
    const settings = { unclaimedSeconds: 15, remainingSeconds: 120 };
    expect(escalationOf(item("a"), at(14), settings).escalated).toBe(false);
    expect(escalationOf(item("a"), at(15), settings)).toMatchObject({
      escalated: true,
      reason: "Unclaimed for over 15 s",
    });
  });

  it("counts nothing negative when the alarm's clock is ahead of ours", () => {
    expect(escalationOf(item("a", { occurredS: 30 }), at(0), DEFAULT_ESCALATION)).toMatchObject({
      unclaimedForS: 0,
      escalated: false,
    });
  });
});

describe("summarizeEscalations: the admins' banner", () => {
  it("says nothing when nothing escalated", () => {
    expect(summarizeEscalations([item("a"), item("b", { state: "claimed" })], at(10), DEFAULT_ESCALATION)).toEqual({
      ids: [],
      unclaimed: 0,
      runningOut: 0,
      message: "",
    });
  });

  it("counts unclaimed and running-out alarms apart, in queue order", () => {
    const items = [
      item("late", { occurredS: -500 }),
      item("mine", { state: "claimed", occurredS: -500 }),
      item("fresh", { occurredS: 0 }),
      item("waiting", { occurredS: -61 }),
    ];
    expect(summarizeEscalations(items, at(0), DEFAULT_ESCALATION)).toEqual({
      ids: ["late", "mine", "waiting"],
      unclaimed: 2,
      runningOut: 1,
      message: "2 alarms unclaimed for over 60 s · 1 alarm with under 2 min left",
    });
  });

  it("uses the singular for one alarm", () => {
    expect(summarizeEscalations([item("a")], at(61), DEFAULT_ESCALATION).message).toBe(
      "1 alarm unclaimed for over 60 s",
    );
  });
});

describe("newlyEscalated and duration", () => {
  it("reports each escalation once", () => {
    expect(newlyEscalated(["a", "b"], new Set(["a"]))).toEqual(["b"]);
    expect(newlyEscalated(["a"], new Set(["a"]))).toEqual([]);
  });

  it("says whole minutes from two minutes up, else seconds", () => {
    expect([duration(60), duration(90), duration(120), duration(300)]).toEqual(["60 s", "90 s", "2 min", "5 min"]);
  });
});
