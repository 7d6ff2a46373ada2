/**
 * CallOptions.sendAfter (lib/chekt/client.ts, transport.ts): an action's "before" read runs beside
 * its write's budget token, and the write is never sent before that read is done, or at all when
 * it failed (lib/mirror/before.ts siteBeforeBeside).
 */
import { describe, expect, it } from "vitest";
import { CallBudget } from "../../lib/chekt/budget";
import { createChektClient } from "../../lib/chekt/client";
import { ChektError } from "../../lib/chekt/errors";

const SITE = "/partner/v1/dealers/{dealerId}/sites/{siteId}" as const;

/** A client whose fetch logs what it was asked, and a budget whose takes are logged too. */
function client() {
  const log: string[] = [];
  const budget = new CallBudget("none");
  const acquire = budget.acquire.bind(budget);
  budget.acquire = async (cls, opts) => {
    const t = await acquire(cls, opts);
    log.push(`token ${cls}`);
    return t;
  };
  const c = createChektClient({
    baseUrl: "http://chekt.test",
    auth: { type: "none" },
    budget,
    fetch: async (input, init) => {
      const req = input instanceof Request ? input : new Request(String(input), init);
      log.push(`${init?.method ?? req.method} ${new URL(req.url).pathname}`);
      return new Response(JSON.stringify({ site_id: 7, name: "After" }), {
        status: 200,
        headers: { "content-type": "application/json" },
      });
    },
  });
  return { c, log };
}

const put = (c: ReturnType<typeof client>["c"], sendAfter: Promise<unknown>) =>
  c.request("PUT", SITE, { params: { path: { dealerId: 1, siteId: 7 } }, body: { name: "After" } }, { sendAfter });

describe("a write sent after its before read", () => {
  it("takes its token while the read runs, and is sent only once the read is done", async () => {
    const { c, log } = client();
    let finish: () => void = () => undefined;
    const read = new Promise<void>((r) => (finish = r)).then(() => void log.push("before read done"));
    const call = put(c, read);
    // Long enough for the token to be taken and the call to reach its gate.
    for (let i = 0; i < 20 && !log.includes("token write"); i++) await new Promise((r) => setTimeout(r, 1));
    expect(log).toEqual(["token write"]);
    finish();
    const { data } = await call;
    expect(data).toMatchObject({ site_id: 7, name: "After" });
    expect(log).toEqual(["token write", "before read done", "PUT /partner/v1/dealers/1/sites/7"]);
  });

  it("sends nothing when the read failed, and fails with the read's error", async () => {
    const { c, log } = client();
    const refused = new ChektError({
      kind: "not_found",
      status: 404,
      code: "not_found",
      message: "No such site",
      method: "GET",
      path: SITE,
      traceId: "t",
      attempts: 1,
      waitedMs: 0,
      mayHaveApplied: false,
    });
    await expect(put(c, Promise.reject(refused))).rejects.toBe(refused);
    expect(log).toEqual(["token write"]);
  });
});
