// liveApplier (components/verifications/queue/live-apply.ts): each stream message merged into the
// queue, which pending alarms are news (announced once), how late each change came, and a malformed
// message passed over with the queue left as it was.
import { describe, expect, it, vi } from "vitest";
import { liveApplier, type QueueCache } from "@/components/verifications/queue/live-apply";
import { EMPTY_QUEUE, type QueueState } from "@/lib/verifications/merge";
import type { LiveMessage, QueueItem } from "@/lib/verifications/types";
import { QUEUE_NOW as T, queueItem as item } from "../support/queue-item";

function setup(start: QueueState = EMPTY_QUEUE) {
  let state = start;
  const cache: QueueCache = { read: () => state, update: (fn) => (state = fn(state)) };
  const onNew = vi.fn<(item: QueueItem) => void>();
  const onLatency = vi.fn<(ms: number) => void>();
  const apply = liveApplier(cache, { onNew, onLatency });
  const send = (msg: LiveMessage) => apply(JSON.stringify(msg));
  return { apply, send, onNew, onLatency, ids: () => state.items.map((i) => i.id) };
}
const snapshot = (...items: QueueItem[]): LiveMessage => ({ type: "snapshot", items, serverTime: "", asOf: T });
const newIds = (onNew: { mock: { calls: [QueueItem][] } }) => onNew.mock.calls.map(([i]) => i.id);

describe("liveApplier", () => {
  it("takes the first snapshot as the queue found, not as news", () => {
    const s = setup();
    s.send(snapshot(item("v1", T), item("v2", T)));
    expect(s.ids()).toEqual(["v1", "v2"]);
    expect(s.onNew).not.toHaveBeenCalled();
  });

  it("announces a pending alarm a later snapshot brings (raised while the stream was away), once", () => {
    const s = setup();
    s.send(snapshot(item("v1", T)));
    s.send(snapshot(item("v1", T), item("v2", T + 1), item("v3", T + 1, { state: "claimed" })));
    s.send(snapshot(item("v1", T), item("v2", T + 1)));
    expect(newIds(s.onNew)).toEqual(["v2"]);
  });

  it("announces an upserted pending alarm the queue did not hold, once, and says how late it came", () => {
    vi.useFakeTimers({ now: T + 250 });
    try {
      const s = setup();
      s.send({ type: "upsert", item: item("v1", T), receivedAt: T });
      s.send({ type: "upsert", item: item("v1", T + 1), receivedAt: T });
      expect(newIds(s.onNew)).toEqual(["v1"]);
      expect(s.onLatency.mock.calls).toEqual([[250], [250]]);
      expect(s.ids()).toEqual(["v1"]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("does not announce an upsert of an item the queue already held, or one already claimed", () => {
    const s = setup({ items: [item("v1", T)], gone: {} });
    s.send({ type: "upsert", item: item("v1", T + 1), receivedAt: T });
    s.send({ type: "upsert", item: item("v2", T, { state: "claimed" }), receivedAt: T });
    expect(s.onNew).not.toHaveBeenCalled();
    expect(s.ids()).toEqual(["v1", "v2"]);
  });

  it("removes an item and says how late the removal came", () => {
    vi.useFakeTimers({ now: T + 40 });
    try {
      const s = setup({ items: [item("v1", T), item("v2", T)], gone: {} });
      s.send({ type: "remove", id: "v1", state: "dispatched", receivedAt: T, version: T + 1 });
      expect(s.ids()).toEqual(["v2"]);
      expect(s.onLatency).toHaveBeenCalledWith(40);
    } finally {
      vi.useRealTimers();
    }
  });

  it.each([
    { what: "text that is not JSON", data: "{not json" },
    { what: "a message of an unknown type", data: '{"type":"ping"}' },
    { what: "an upsert without its item", data: JSON.stringify({ type: "upsert", receivedAt: T }) },
    {
      what: "a snapshot with a malformed item",
      data: JSON.stringify({ ...snapshot(item("v9", T)), items: [{ ...item("v9", T), version: "new" }] }),
    },
  ])("passes over $what without throwing, the queue as it was", ({ data }) => {
    const s = setup({ items: [item("v1", T)], gone: {} });
    expect(() => s.apply(data)).not.toThrow();
    expect(s.ids()).toEqual(["v1"]);
    expect(s.onNew).not.toHaveBeenCalled();
    expect(s.onLatency).not.toHaveBeenCalled();
  });
});
