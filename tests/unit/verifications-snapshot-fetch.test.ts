// The snapshot image fetch (lib/verifications/snapshot-fetch.ts) meets a 429: it holds the App key's
// shared budget, and waits before trying again, as long as the gateway would for the same answer
// (rateLimitWaitMs: Retry-After as seconds or an HTTP date, else one token's refill at
// X-RateLimit-Limit, else a second; never until X-RateLimit-Reset, when CHeKT's bucket is full
// again). A scripted fetch, a recording budget and a clock that moves only when the fetch sleeps.
import "../support/no-postgres";
import { describe, expect, it } from "vitest";
import { DEFAULT_RATE_LIMIT_WAIT_MS, rateLimitWaitMs } from "@/lib/chekt/errors";
import { fetchSnapshotBytes } from "@/lib/verifications/snapshot-fetch";

const ORIGIN = "https://api.chekt.test";
const URL_ = `${ORIGIN}/v1/snapshots/snap_1/image`;
const NOW = Date.parse("2026-12-01T12:00:00.000Z");
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);

/** Answers each request with the next of `answers` (the last one repeats), on a clock moved by sleep. */
function world(answers: { status: number; headers?: Record<string, string> }[]) {
  let t = NOW;
  const blocks: number[] = [];
  const sleeps: number[] = [];
  let sent = 0;
  const fetch: typeof globalThis.fetch = async () => {
    const a = answers[Math.min(sent++, answers.length - 1)]!;
    const ok = a.status === 200;
    return new Response(ok ? PNG : "slow down", {
      status: a.status,
      headers: ok ? { "content-type": "image/png" } : a.headers,
    });
  };
  const budget = {
    acquire: async () => ({ settle: async () => undefined }),
    block: async (untilMs: number) => void blocks.push(untilMs),
  };
  const options = {
    fetch,
    budget,
    chektOrigin: ORIGIN,
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
  };
  return { options, blocks, sleeps, sent: () => sent };
}

const reset = (inS: number) => String(NOW / 1000 + inS);

describe("a 429 on the snapshot image", () => {
  it.each([
    ["only X-RateLimit-Reset (a full bucket then): the default second", { "x-ratelimit-reset": reset(3) }, 1_000],
    ["Retry-After as an HTTP date: until that date", { "retry-after": new Date(NOW + 2_000).toUTCString() }, 2_000],
    ["Retry-After in seconds, over a later Reset", { "retry-after": "2", "x-ratelimit-reset": reset(9) }, 2_000],
    [
      "an empty Retry-After, a Limit and a Reset: one token's refill",
      { "retry-after": "", "x-ratelimit-limit": "30", "x-ratelimit-reset": reset(4) },
      2_000,
    ],
    ["neither: the default second", {}, DEFAULT_RATE_LIMIT_WAIT_MS],
  ])("%s, as the gateway would", async (_, headers, waitMs) => {
    const w = world([{ status: 429, headers }, { status: 200 }]);
    const got = await fetchSnapshotBytes(URL_, "key", w.options);
    expect(got).toMatchObject({ ok: true, contentType: "image/png" });
    expect(w.sent()).toBe(2);
    // The budget is held exactly as long as the transport holds it for this answer, and the retry waits that out.
    expect(rateLimitWaitMs(new Headers(headers), NOW)).toBe(waitMs);
    expect(w.blocks).toEqual([NOW + waitMs]);
    expect(w.sleeps).toEqual([waitMs]);
  });

  it("a wait past the deadline gives up at once and says when to come back, in whole seconds", async () => {
    const w = world([{ status: 429, headers: { "retry-after": "30", "x-ratelimit-reset": reset(40) } }]);
    const got = await fetchSnapshotBytes(URL_, "key", { ...w.options, deadlineMs: 2_000 });
    expect(got).toMatchObject({ ok: false, status: 429, retryAfterS: 30 });
    expect(w.blocks).toEqual([NOW + 30_000]);
    expect(w.sleeps).toEqual([]);
  });

  it("a 503's Retry-After as an HTTP date is read (not NaN) and does not hold the budget", async () => {
    const w = world([
      { status: 503, headers: { "retry-after": new Date(NOW + 1_000).toUTCString() } },
      { status: 200 },
    ]);
    expect(await fetchSnapshotBytes(URL_, "key", w.options)).toMatchObject({ ok: true });
    expect(w.sleeps).toEqual([1_000]);
    expect(w.blocks).toEqual([]);
  });
});
