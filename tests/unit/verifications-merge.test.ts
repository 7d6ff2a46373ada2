// The queue's merge rules: a late list answer never removes or rolls back what the live stream
// delivered after the list was read; removals are final; the order is priority, then deadline.
import { describe, expect, it } from "vitest";
import {
  applyList,
  applyLocal,
  applyRemove,
  applyUpsert,
  COMMIT_SLACK_MS,
  EMPTY_QUEUE,
  parseSort,
  sortQueue,
} from "@/lib/verifications/merge";
import type { QueueItem } from "@/lib/verifications/types";
import { QUEUE_NOW, queueItem as item } from "../support/queue-item";

const T = QUEUE_NOW;
const ids = (s: { items: QueueItem[] }) => s.items.map((i) => i.id).sort();

describe("applyList", () => {
  it("keeps items the stream added after the list was read (the delayed-list race)", () => {
    let s = applyUpsert(EMPTY_QUEUE, item("old", T - 60_000));
    // The list was read at T; meanwhile three alarms arrived live (versions after T).
    for (const id of ["a", "b", "c"]) s = applyUpsert(s, item(id, T + 2_000));
    s = applyList(s, { items: [item("old", T - 60_000)], asOf: T });
    expect(ids(s)).toEqual(["a", "b", "c", "old"]);
  });

  it("drops held items the list lacks when they are older than the list (they left while we were away)", () => {
    let s = applyUpsert(EMPTY_QUEUE, item("left", T - COMMIT_SLACK_MS - 1));
    s = applyUpsert(s, item("recent", T - COMMIT_SLACK_MS + 1));
    s = applyList(s, { items: [], asOf: T });
    expect(ids(s)).toEqual(["recent"]);
  });

  it("never rolls an item back to an older copy", () => {
    let s = applyUpsert(EMPTY_QUEUE, item("x", T + 5_000, { state: "claimed", claimedByName: "Alice" }));
    s = applyList(s, { items: [item("x", T - 1_000)], asOf: T });
    expect(s.items[0]).toMatchObject({ state: "claimed", claimedByName: "Alice" });
    s = applyUpsert(s, item("x", T + 1_000));
    expect(s.items[0].state).toBe("claimed");
    s = applyUpsert(s, item("x", T + 9_000, { state: "pending" }));
    expect(s.items[0].state).toBe("pending");
  });

  it("a removed item never comes back from a late list or a replayed upsert", () => {
    let s = applyUpsert(EMPTY_QUEUE, item("gone", T));
    s = applyRemove(s, "gone", T + 1_000);
    s = applyList(s, { items: [item("gone", T)], asOf: T - 10_000 });
    s = applyUpsert(s, item("gone", T + 500));
    expect(s.items).toHaveLength(0);
  });

  it("a local claim shows at once and the server's newer copy replaces it", () => {
    let s = applyUpsert(EMPTY_QUEUE, item("x", T));
    s = applyLocal(s, "x", { state: "claimed", claimedByMe: true });
    s = applyList(s, { items: [item("x", T)], asOf: T + 100 }); // same version: the local change stays
    expect(s.items[0].claimedByMe).toBe(true);
    s = applyUpsert(s, item("x", T + 200, { state: "claimed", claimedByMe: true, claimedByName: "Me" }));
    expect(s.items[0].claimedByName).toBe("Me");
  });
});

describe("sortQueue", () => {
  const soon = new Date(T + 60_000).toISOString();
  const later = new Date(T + 300_000).toISOString();
  const q = [
    item("high-soon", T, { priority: "high", expiresAt: soon }),
    item("critical-later", T, { priority: "critical", expiresAt: later }),
    item("none-soon", T, { priority: null, expiresAt: soon }),
    item("low-later", T, { priority: "low", expiresAt: later }),
  ];
  it.each([
    {
      sort: "priority",
      what: "priority first (critical above a sooner high), then the nearest deadline",
      ids: ["critical-later", "high-soon", "low-later", "none-soon"],
    },
    {
      sort: "deadline",
      what: "deadline only when the operator switches",
      ids: ["high-soon", "none-soon", "critical-later", "low-later"],
    },
  ] as const)("$what", ({ sort, ids }) => {
    expect(sortQueue(q, sort).map((i) => i.id)).toEqual(ids);
  });
  it("reads the URL's sort, priority by default", () => {
    expect(parseSort("deadline")).toBe("deadline");
    expect(parseSort(undefined)).toBe("priority");
    expect(parseSort("bogus")).toBe("priority");
  });
});
