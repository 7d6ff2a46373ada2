// queueEventStream (lib/live/sse.ts) ends itself: when the access check it asks at each heartbeat says
// no or fails, and once it has been served for its lifetime. The clock and the heartbeat are injected;
// the listener is an in-memory fan-out.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Listener, LiveEvent } from "@/lib/live/listen";
import { queueEventStream, type QueueStreamOptions } from "@/lib/live/sse";
import { readText } from "../support/stream-text";

const BEAT = 1_000;
const LIFETIME = 10_000;

function fakeListener() {
  const subscribers = new Set<(e: LiveEvent) => void>();
  const listener: Listener = {
    subscribe(fn) {
      subscribers.add(fn);
      return () => void subscribers.delete(fn);
    },
    ready: async () => undefined,
    close: async () => undefined,
    get subscriberCount() {
      return subscribers.size;
    },
  };
  const emit = (id: string) =>
    subscribers.forEach((fn) =>
      fn({ kind: "verification", message: { id, dealer: "d1", state: "pending", at: Date.now() } }),
    );
  return { listener, emit };
}

/** A stream whose every frame is collected as text; `ended` once it closed. */
function open(o: Partial<QueueStreamOptions> = {}) {
  const { listener, emit } = fakeListener();
  const checks = { count: 0 };
  let clock = 0;
  const stream = queueEventStream({
    listener,
    dealerLinkId: "d1",
    loadOpen: async () => [],
    loadItem: async () => null,
    signal: new AbortController().signal,
    stillAllowed: async () => (checks.count++, true),
    heartbeatMs: BEAT,
    maxLifetimeMs: LIFETIME,
    now: () => clock,
    ...o,
  });
  const s = { text: "", ended: false, listener, emit, checks, advance: (ms: number) => (clock += ms) };
  void readText(stream, (text) => (s.text += text)).then(() => (s.ended = true));
  return s;
}

/** One heartbeat: the clock and the timer move on together, and what the beat started settles. */
async function beat(s: ReturnType<typeof open>) {
  s.advance(BEAT);
  await vi.advanceTimersByTimeAsync(BEAT);
}

describe("queueEventStream ends itself", () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it("keeps a viewer who is still allowed, asking at every heartbeat", async () => {
    const s = open();
    await beat(s);
    await beat(s);
    expect(s.checks.count).toBe(2);
    expect(s.text.match(/: heartbeat/g)).toHaveLength(2);
    expect(s.ended).toBe(false);
  });

  it("ends at the heartbeat whose check says no, and stops listening: later changes reach nobody", async () => {
    let allowed = true;
    const s = open({ stillAllowed: async () => allowed });
    s.emit("before");
    await beat(s);
    expect(s.text).toContain('"id":"before"');
    allowed = false;
    await beat(s);
    expect(s.ended).toBe(true);
    expect(s.listener.subscriberCount).toBe(0);
    s.emit("after");
    await vi.advanceTimersByTimeAsync(BEAT);
    expect(s.text).not.toContain('"id":"after"');
  });

  it("ends when the check fails (an error is not a yes)", async () => {
    const s = open({ stillAllowed: () => Promise.reject(new Error("database down")) });
    await beat(s);
    expect(s.ended).toBe(true);
  });

  it("ends once served for its lifetime, however allowed the viewer is", async () => {
    const s = open();
    for (let t = BEAT; t < LIFETIME; t += BEAT) await beat(s);
    expect(s.ended).toBe(false);
    await beat(s);
    expect(s.ended).toBe(true);
    expect(s.listener.subscriberCount).toBe(0);
  });

  it("asks once at a time: a slow check is not doubled by the next heartbeat", async () => {
    let answer: (ok: boolean) => void = () => undefined;
    let asked = 0;
    const s = open({ stillAllowed: () => (asked++, new Promise<boolean>((r) => (answer = r))) });
    await beat(s);
    await beat(s);
    expect(asked).toBe(1);
    answer(true);
    await beat(s);
    expect(asked).toBe(2);
    expect(s.ended).toBe(false);
  });
});
