// openEventStream (components/verifications/queue/event-stream.ts): the queue's live status, the
// reopening with backoff once the browser gives the stream up, and closing it for good when the server
// refuses it (signed out, no longer allowed). A fake EventSource stands in.
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

function open(refused?: () => Promise<boolean>) {
  const statuses: LiveStatus[] = [];
  const data: string[] = [];
  const close = openEventStream("/stream", { data: (d) => data.push(d), status: (s) => statuses.push(s), refused });
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

  // A page left open on a dealer the user lost: each refused reconnect is an audit row, so one every 30 s per tab
  // for as long as the page stays open. Refused, the stream is closed for good; the caller says why and reopens.
  it("a refused reconnect closes the stream for good: nothing reopened over ten minutes", async () => {
    let asked = 0;
    const s = open(async () => {
      asked++;
      return true;
    });
    last().onopen?.();
    // The stream ended (taken off the dealer meanwhile): the browser resumes by itself, and the server refuses it.
    last().onerror?.();
    last().fail();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(FakeEventSource.opened).toHaveLength(1);
    expect(last().closed).toBe(true);
    expect(asked).toBe(1);
    expect(s.statuses).toEqual(["live", "reconnecting", "reconnecting"]);
  });

  it("a refusal learnt after the retry was let in is no refusal: the open stream stays", async () => {
    let answer: (refused: boolean) => void = () => undefined;
    const s = open(() => new Promise((resolve) => (answer = resolve)));
    last().fail();
    await vi.advanceTimersByTimeAsync(1000);
    last().readyState = FakeEventSource.OPEN;
    last().onopen?.();
    answer(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(last().closed).toBe(false);
    expect(s.statuses.at(-1)).toBe("live");
  });

  it("a stream given up for another reason (network) is reopened with backoff", async () => {
    const s = open(async () => false);
    last().fail();
    await vi.advanceTimersByTimeAsync(1000);
    expect(s.statuses).toEqual(["reconnecting"]);
    expect(FakeEventSource.opened).toHaveLength(2);
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
