// components/fleet/notified-alerts.ts: the alert ids this browser has notified, as kept in
// localStorage. A corrupt stored value reads as "none notified" instead of crashing the page.
import { describe, expect, it } from "vitest";
import { readNotified, writeNotified } from "@/components/fleet/notified-alerts";

function storage(initial?: string) {
  const values = new Map<string, string>();
  if (initial !== undefined) values.set("fleet-alerts-notified", initial);
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
    stored: () => values.get("fleet-alerts-notified"),
  };
}

describe("notified alerts", () => {
  it("reads the ids stored before", () => {
    expect([...readNotified(storage('["a1","a2"]'))]).toEqual(["a1", "a2"]);
  });

  it("reads nothing stored, or a stored value that is not a list of ids, as none notified", () => {
    // lib/json-as.ts's own tests go through the ways a value can be corrupt; here, that a corrupt one does not throw.
    expect(readNotified(storage()).size).toBe(0);
    expect(readNotified(storage("a1,a2")).size).toBe(0);
    expect(readNotified(storage('{"a1":true}')).size).toBe(0);
  });

  it("keeps only the notified ids of alerts still open, which read back", () => {
    const s = storage('["gone"]');
    writeNotified(s, [{ id: "a1" }, { id: "a2" }, { id: "a3" }], new Set(["gone", "a1", "a3"]));
    expect(s.stored()).toBe('["a1","a3"]');
    expect([...readNotified(s)]).toEqual(["a1", "a3"]);
  });
});
