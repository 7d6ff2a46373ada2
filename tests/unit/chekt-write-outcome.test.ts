// What a call to CHeKT leaves known about a write (lib/chekt/transport.ts, client-send.ts,
// budget-wait.ts): a 429 met after a 5xx still says the write may have landed, a 408 is resent
// (CHeKT never read it), and an action learns when CHeKT accepted one of its writes.
import { describe, expect, it } from "vitest";
import { CallBudget } from "../../lib/chekt/budget";
import { runInteractive, writeAccepted } from "../../lib/chekt/budget-wait";
import { caughtChektError, scriptedChektClient } from "../support/chekt";
import { SkipClock } from "../support/clock";

const SITE = "/partner/v1/dealers/{dealerId}/sites/{siteId}" as const;
const SITES = "/partner/v1/dealers/{dealerId}/sites" as const;
/** The request put() sends, as the scripted CHeKT lists it. */
const PUT_SITE = "PUT /partner/v1/dealers/1/sites/7";

type Answer = { status: number; headers?: Record<string, string>; body?: unknown };

/** A client whose fetch plays `answers` in order (the last one again when they run out). */
function client(answers: Answer[]) {
  const clock = new SkipClock();
  const { client: c, sent } = scriptedChektClient(
    (_req, requests) => {
      const a = answers[Math.min(requests.length - 1, answers.length - 1)]!;
      return Response.json(a.body ?? { site_id: 7, name: "After" }, { status: a.status, headers: a.headers });
    },
    {
      budget: new CallBudget("none", { clock }),
      clock,
      timeoutMs: 2_000,
      deadlineMs: 8_000,
      backoffBaseMs: 20,
      backoffMaxMs: 100,
    },
  );
  return { c, sent };
}

const put = (c: ReturnType<typeof client>["c"]) =>
  c.request("PUT", SITE, { params: { path: { dealerId: 1, siteId: 7 } }, body: { name: "After" } });
const get = (c: ReturnType<typeof client>["c"]) => c.request("GET", SITES, { params: { path: { dealerId: 1 } } });

const busy = (retryAfter: string): Answer => ({
  status: 429,
  headers: { "retry-after": retryAfter },
  body: { error: { code: "rate_limited", message: "slow down" } },
});

describe("a write that met a 5xx, then a rate limit past its deadline", () => {
  it("may have been saved, and says so", async () => {
    const { c, sent } = client([
      { status: 503, body: { error: { code: "unavailable", message: "later" } } },
      busy("30"),
    ]);
    const e = await caughtChektError(put(c));
    expect(sent).toEqual([PUT_SITE, PUT_SITE]);
    expect(e.kind).toBe("rate_limited");
    expect(e.mayHaveApplied).toBe(true);
    expect(e.toActionFailure().message).toMatch(/may or may not have been saved/);
    expect(e.toActionFailure().message).not.toMatch(/Nothing was saved/);
  });
});

describe("a 408", () => {
  it("is sent again, a write too, and the answer that follows counts", async () => {
    const { c, sent } = client([
      { status: 408, body: { error: { code: "request_timeout", message: "slow" } } },
      { status: 200 },
    ]);
    const { data } = await c.request(
      "PUT",
      SITE,
      { params: { path: { dealerId: 1, siteId: 7 } }, body: { name: "After" } },
      { idempotencyKey: null },
    );
    expect(sent).toEqual([PUT_SITE, PUT_SITE]);
    expect(data).toMatchObject({ site_id: 7 });
  });

  it("that keeps coming is a timeout in which nothing was saved", async () => {
    const { c } = client([{ status: 408, body: { error: { code: "request_timeout", message: "slow" } } }]);
    const e = await caughtChektError(put(c));
    expect(e.kind).toBe("timeout");
    expect(e.mayHaveApplied).toBe(false);
    expect(e.toActionFailure().message).toBe("CHeKT did not answer in time. Nothing was saved. Try again shortly.");
  });
});

describe("an action learns that CHeKT accepted one of its writes", () => {
  it("from a write's 2xx, not from a read or a refused write", async () => {
    const ok = client([{ status: 200 }]);
    expect(await runInteractive(async () => (await put(ok.c), writeAccepted()))).toBe(true);
    const read = client([{ status: 200, body: [] }]);
    expect(await runInteractive(async () => (await get(read.c), writeAccepted()))).toBe(false);
    const refused = client([{ status: 400, body: { error: { code: "validation_failed", message: "no" } } }]);
    expect(await runInteractive(async () => (await put(refused.c).catch(() => undefined), writeAccepted()))).toBe(
      false,
    );
    expect(writeAccepted()).toBe(false);
  });
});
