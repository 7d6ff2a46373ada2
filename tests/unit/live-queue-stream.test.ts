// openEventStream (components/verifications/queue/event-stream.ts): the queue's live status, and the
// reopening with backoff once the browser gives the stream up. A fake EventSource stands in.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openEventStream, type LiveStatus } from "@/components/verifications/queue/event-stream";

class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static opened: FakeEventSource[] = [];
  readyState = FakeEventSource.CONNECTING;
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: (() => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }
  close() {
    this.closed = true;
    this.readyState = FakeEventSource.CLOSED;
  }
  /** The browser gave up: no automatic resume. */
  fail() {
    this.readyState = FakeEventSource.CLOSED;
    this.onerror?.();
  }
}

const last = () => FakeEventSource.opened[FakeEventSource.opened.length - 1];

function open() {
  const statuses: LiveStatus[] = [];
  const data: string[] = [];
  const close = openEventStream("/stream", { data: (d) => data.push(d), status: (s) => statuses.push(s) });
  return { statuses, data, close };
}

describe("openEventStream", () => {
  beforeEach(() => {
    FakeEventSource.opened = [];
    vi.stubGlobal("EventSource", FakeEventSource);
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("is live once open and hands on each message's text", () => {
    const s = open();
    last().onopen?.();
    last().onmessage?.({ data: '{"type":"ping"}' });
    last().onmessage?.({ data: 42 });
    expect(s.statuses).toEqual(["live"]);
    expect(s.data).toEqual(['{"type":"ping"}']);
    expect(last().url).toBe("/stream");
  });

  it("says reconnecting while the browser resumes by itself, and opens nothing new", () => {
    const s = open();
    last().onerror?.();
    vi.advanceTimersByTime(60_000);
    expect(s.statuses).toEqual(["reconnecting"]);
    expect(FakeEventSource.opened).toHaveLength(1);
  });

  it("reopens a stream the browser gave up after 1 s, 2 s, 4 s … at most 30 s, and from 1 s again once open", () => {
    open();
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      const before = FakeEventSource.opened.length;
      last().fail();
      let waited = 0;
      while (FakeEventSource.opened.length === before && waited < 120_000) {
        vi.advanceTimersByTime(500);
        waited += 500;
      }
      waits.push(waited);
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
    last().onopen?.();
    last().fail();
    vi.advanceTimersByTime(1000);
    expect(FakeEventSource.opened).toHaveLength(9);
  });

  it("closes the stream and reopens nothing once closed", () => {
    const s = open();
    const first = last();
    first.fail();
    s.close();
    vi.advanceTimersByTime(60_000);
    expect(FakeEventSource.opened).toEqual([first]);
    expect(first.closed).toBe(true);
  });
});
