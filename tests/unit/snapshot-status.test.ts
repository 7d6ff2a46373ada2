// Which snapshot failures are tried again (lib/verifications/snapshot-status.ts), held to one table
// by the three places that ask: the server's fetch from CHeKT (snapshot-fetch.ts), our route's answer
// (app/api/snapshots/[id]/route.ts) and the page's retries (components/verifications/snapshots/use-snapshot.ts).
// An answer that can never become an image is final everywhere: one request to CHeKT, one budget slot,
// "unavailable" on the page at once; a passing one is retried at each level.
import "../support/no-postgres";
import { describe, expect, it } from "vitest";
import { fetchSnapshotBytes } from "@/lib/verifications/snapshot-fetch";
import {
  afterSnapshotFailure,
  isPassingFailure,
  SNAPSHOT_BACKOFF_S,
  SNAPSHOT_UNUSABLE,
  snapshotFailureAnswer,
} from "@/lib/verifications/snapshot-status";

const ORIGIN = "https://api.chekt.test";
const URL_ = `${ORIGIN}/v1/snapshots/snap_1/image`;
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);

/** CHeKT answering every request with `answer`; counts requests and budget slots, on a clock moved by sleep. */
function chekt(answer: () => Response) {
  let t = Date.parse("2026-12-01T12:00:00.000Z");
  let sent = 0;
  let slots = 0;
  const options = {
    fetch: (async () => {
      sent++;
      return answer();
    }) as typeof globalThis.fetch,
    budget: {
      acquire: async () => {
        slots++;
        return { settle: async () => undefined };
      },
      block: async () => undefined,
    },
    chektOrigin: ORIGIN,
    now: () => t,
    sleep: async (ms: number) => {
      t += ms;
    },
  };
  return { options, sent: () => sent, slots: () => slots };
}

describe("the server's fetch from CHeKT", () => {
  it.each([
    ["200 text/html", () => new Response("<html>login</html>", { headers: { "content-type": "text/html" } })],
    ["400", () => new Response("bad", { status: 400 })],
    ["401", () => new Response("no", { status: 401 })],
    ["409", () => new Response("no", { status: 409 })],
    [
      "an image over the cap",
      () => new Response(PNG, { headers: { "content-type": "image/png", "content-length": String(11 * 1024 * 1024) } }),
    ],
    [
      "a redirect off CHeKT's host",
      () => new Response(null, { status: 302, headers: { location: "https://x.test/a" } }),
    ],
  ])("%s: one request, one budget slot, a final failure", async (_, answer) => {
    const c = chekt(answer);
    const got = await fetchSnapshotBytes(URL_, "key", c.options);
    expect(got).toMatchObject({ ok: false, status: SNAPSHOT_UNUSABLE });
    expect(c.sent()).toBe(1);
    expect(c.slots()).toBe(1);
  });

  it.each([404, 410])("%s: CHeKT no longer has it (404), asked once", async (status) => {
    const c = chekt(() => new Response("gone", { status }));
    expect(await fetchSnapshotBytes(URL_, "key", c.options)).toMatchObject({ ok: false, status: 404 });
    expect(c.sent()).toBe(1);
  });

  it.each([429, 500, 502, 503, 504])("%s is passing: asked again within the deadline", async (status) => {
    const c = chekt(() => new Response("busy", { status }));
    const got = await fetchSnapshotBytes(URL_, "key", c.options);
    expect(got).toMatchObject({ ok: false, status });
    expect(c.sent()).toBeGreaterThan(1);
  });
});

describe("one table", () => {
  it("passing: a rate limit, a failing server or a timeout (the contract's 429 and 5xx), nothing else", () => {
    for (const s of [408, 429, 500, 502, 503, 504]) expect(isPassingFailure(s)).toBe(true);
    for (const s of [400, 401, 403, 404, 409, 410, 422, SNAPSHOT_UNUSABLE]) expect(isPassingFailure(s)).toBe(false);
  });

  it("the route answers a passing failure 503 + Retry-After, a final one as itself", () => {
    expect(snapshotFailureAnswer({ status: 502, retryAfterS: 4 })).toEqual({
      status: 503,
      code: "snapshot_retry",
      retryAfterS: 4,
    });
    expect(snapshotFailureAnswer({ status: 429 })).toEqual({ status: 503, code: "snapshot_retry", retryAfterS: 2 });
    expect(snapshotFailureAnswer({ status: SNAPSHOT_UNUSABLE })).toEqual({
      status: SNAPSHOT_UNUSABLE,
      code: "snapshot_unavailable",
    });
    expect(snapshotFailureAnswer({ status: 404 })).toEqual({ status: 404, code: "snapshot_unavailable" });
  });
});

describe("the page's rule (use-snapshot)", () => {
  const answer = (status: number, retryAfter?: string) =>
    new Response(null, { status, headers: retryAfter ? { "retry-after": retryAfter } : {} });

  it("gives up at once on the route's final answers", () => {
    expect(afterSnapshotFailure(answer(SNAPSHOT_UNUSABLE), 0)).toEqual({ why: "CHeKT did not send a usable image" });
    expect(afterSnapshotFailure(answer(404), 0)).toEqual({ why: "CHeKT no longer has this image" });
    for (const s of [400, 401, 403, 409]) expect(afterSnapshotFailure(answer(s), 0)).toHaveProperty("why");
  });

  it("waits on a passing answer (the longer of its backoff and Retry-After) or none, until the tries run out", () => {
    expect(afterSnapshotFailure(answer(503, "5"), 0)).toEqual({ waitS: 5 });
    expect(afterSnapshotFailure(answer(503, "1"), 3)).toEqual({ waitS: SNAPSHOT_BACKOFF_S[3] });
    expect(afterSnapshotFailure(answer(502), 1)).toEqual({ waitS: SNAPSHOT_BACKOFF_S[1] });
    expect(afterSnapshotFailure(null, 0)).toEqual({ waitS: SNAPSHOT_BACKOFF_S[0] });
    expect(afterSnapshotFailure(answer(503, "2"), SNAPSHOT_BACKOFF_S.length)).toEqual({
      why: "CHeKT did not send it in time",
    });
  });
});
