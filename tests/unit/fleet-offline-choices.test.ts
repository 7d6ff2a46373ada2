// The fleet page's "offline longer than…" choices say their minutes the way every other threshold is
// said (minutesText: the readiness check, the alert mail, the page's own alert-threshold choice).
import { describe, expect, it } from "vitest";
import { minutesText } from "@/lib/duration-text";
import { OFFLINE_FOR_CHOICES } from "@/lib/fleet/list-state";

describe("OFFLINE_FOR_CHOICES", () => {
  it("labels each choice with minutesText of its minutes", () => {
    expect(OFFLINE_FOR_CHOICES.map((c) => [c.min, c.label])).toEqual([
      [15, "15 minutes"],
      [60, "1 hour"],
      [240, "4 hours"],
      [1440, "1 day"],
      [10080, "7 days"],
    ]);
    for (const c of OFFLINE_FOR_CHOICES) expect(c.label).toBe(minutesText(c.min));
  });
});
