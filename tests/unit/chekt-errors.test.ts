import { describe, expect, it } from "vitest";
import {
  ChektError,
  type ChektErrorKind,
  errorFromResponse,
  fieldOfMessage,
  isTransient,
  kindForStatus,
  parseErrorBody,
  DEFAULT_RATE_LIMIT_WAIT_MS,
  rateLimitWaitMs,
  retryAfterSeconds,
  waitSeconds,
} from "../../lib/chekt/errors";

const h = (o: Record<string, string> = {}) => new Headers(o);

describe("parseErrorBody", () => {
  it("reads CHeKT's envelope with field and details", () => {
    expect(
      parseErrorBody({
        error: {
          code: "validation_failed",
          message: "2 fields failed",
          request_id: "req_1",
          field: "name",
          details: [
            { field: "name", message: "name must not be empty" },
            { field: "timezone", message: "timezone must be an IANA zone" },
          ],
        },
      }),
    ).toEqual({
      code: "validation_failed",
      message: "2 fields failed",
      requestId: "req_1",
      fieldErrors: { name: "name must not be empty", timezone: "timezone must be an IANA zone" },
    });
    expect(parseErrorBody({ error: { code: "not_found", message: "no site 9", field: "siteId" } }).fieldErrors).toEqual(
      { siteId: "no site 9" },
    );
  });

  it("reads the NestJS shape and maps leading field names", () => {
    const message = [
      "name must not be empty",
      "timezone must be a valid IANA time zone",
      "property foo should not exist",
      "each value in deviceIds must be a number",
      "Something else went wrong",
    ];
    expect(parseErrorBody({ statusCode: 400, error: "Bad Request", message })).toEqual({
      code: "bad_request",
      message: message.join("; "),
      requestId: undefined,
      fieldErrors: {
        name: "name must not be empty",
        timezone: "timezone must be a valid IANA time zone",
        foo: "property foo should not exist",
        deviceIds: "each value in deviceIds must be a number",
      },
    });
    expect(parseErrorBody({ statusCode: 404, error: "Not Found", message: "Cannot GET /x" })).toEqual({
      code: "not_found",
      message: "Cannot GET /x",
      requestId: undefined,
      fieldErrors: {},
    });
  });

  it("joins two messages for one field and ignores sentences that do not start with a field", () => {
    expect(
      parseErrorBody({ message: ["name must not be empty", "name must be shorter than 100 characters"] }).fieldErrors,
    ).toEqual({
      name: "name must not be empty; name must be shorter than 100 characters",
    });
    expect(fieldOfMessage("The request must be JSON")).toBeUndefined();
    expect(fieldOfMessage("value must be positive")).toBeUndefined();
    expect(fieldOfMessage("items[0].name must not be empty")).toBe("items[0].name");
    expect(fieldOfMessage("external_site_id already exists")).toBe("external_site_id");
  });

  it("takes the field failures that read from an envelope's details and skips the rest", () => {
    expect(
      parseErrorBody({
        error: {
          code: 422,
          message: "3 fields failed",
          details: [null, 7, ["name", "x"], { field: "zone" }, { field: "name", message: "name is empty" }],
        },
        request_id: "req_outer",
      }),
    ).toEqual({
      code: "422",
      message: "3 fields failed",
      requestId: "req_outer",
      fieldErrors: { name: "name is empty" },
    });
    // A list where the envelope stands is no envelope: its NestJS-style fields are read instead.
    expect(parseErrorBody({ error: ["Bad Request"], message: "name must not be empty" })).toEqual({
      code: undefined,
      message: "name must not be empty",
      requestId: undefined,
      fieldErrors: { name: "name must not be empty" },
    });
    expect(parseErrorBody("[1,2]")).toEqual({ fieldErrors: {} });
  });

  it("survives text, JSON text, empty and garbage bodies", () => {
    expect(parseErrorBody('{"error":{"code":"rate_limited","message":"slow down"}}').code).toBe("rate_limited");
    expect(parseErrorBody("Bad Gateway")).toEqual({ message: "Bad Gateway", fieldErrors: {} });
    expect(parseErrorBody("")).toEqual({ message: undefined, fieldErrors: {} });
    expect(parseErrorBody(undefined)).toEqual({ fieldErrors: {} });
    expect(parseErrorBody("{not json")).toEqual({ message: "{not json", fieldErrors: {} });
    expect(parseErrorBody({ error: { details: "nope", field: 3 } })).toEqual({
      code: undefined,
      message: undefined,
      requestId: undefined,
      fieldErrors: {},
    });
  });
});

describe("status → kind and dealer words", () => {
  const cases: Array<[number, string, RegExp]> = [
    [400, "validation", /^CHeKT did not accept the change: bad timezone\.$/],
    [422, "validation", /^CHeKT did not accept the change/],
    [401, "unauthorized", /^CHeKT refused our credentials\. Nothing was saved\. An admin should check/],
    [403, "forbidden", /^CHeKT refused access: dealer 7 is not connected.*reconnect it on the Dealer page/],
    [404, "not_found", /^CHeKT could not find it: .*refresh the page/],
    [409, "conflict", /duplicate/],
    [
      429,
      "rate_limited",
      /^CHeKT is busy \(rate limit\); waited 3 s and gave up\. Nothing was saved\. Try again in 2 s\.$/,
    ],
    [500, "server", /may or may not have been saved — refresh to check/],
    [503, "server", /may or may not have been saved/],
  ];
  for (const [status, kind, words] of cases) {
    it(`${status} → ${kind}`, () => {
      const message =
        status === 400 ? "bad timezone" : status === 403 ? "dealer 7 is not connected to this partner" : "x";
      const e = errorFromResponse({
        status,
        body: { error: { code: "some_code", message, request_id: "req_9" } },
        headers: h({ "x-partner-trace-id": "trace-1", "retry-after": "2" }),
        method: "PUT",
        path: "/partner/v1/dealers/{dealerId}",
        waitedMs: 3000,
      });
      expect(e).toBeInstanceOf(ChektError);
      expect(e.kind).toBe(kind);
      expect(kindForStatus(status)).toBe(kind);
      expect(e.status).toBe(status);
      expect(e.traceId).toBe("trace-1");
      expect(e.requestId).toBe("req_9");
      expect(e.retryAfterS).toBe(2);
      const f = e.toActionFailure();
      expect(f.message).toMatch(words);
      expect(f.traceId).toBe("trace-1");
      expect(f.code).toBe("some_code");
    });
  }

  it("400 with field errors says 'see the fields' and passes them to the form", () => {
    const e = errorFromResponse({
      status: 400,
      body: { statusCode: 400, error: "Bad Request", message: ["name must not be empty"] },
      headers: h(),
      method: "POST",
    });
    expect(e.toActionFailure()).toEqual({
      code: "bad_request",
      message: "CHeKT did not accept the change (see the fields).",
      fieldErrors: { name: "name must not be empty" },
    });
    expect("traceId" in e.toActionFailure()).toBe(false);
  });

  it("a 5xx on a read says nothing about saving; on a write it says it may have been saved", () => {
    const read = errorFromResponse({ status: 502, body: "", headers: h(), method: "GET" });
    expect(read.mayHaveApplied).toBe(false);
    expect(read.toActionFailure().message).toBe("CHeKT had a problem (HTTP 502). Try again shortly.");
    const write = errorFromResponse({ status: 502, body: "", headers: h(), method: "DELETE" });
    expect(write.mayHaveApplied).toBe(true);
  });

  it.each([
    [
      "a missing scope on the /v1 surface names the permission",
      403,
      { code: "permission_denied", message: "missing scope devices:write", method: "POST" },
      /missing a permission \(missing scope devices:write\)/,
    ],
    [
      "idempotency conflicts are told apart from duplicates",
      409,
      { code: "idempotency_conflict", message: "key reused", method: "PUT" },
      /same request key/,
    ],
  ] as const)("%s", (_title, status, { code, message, method }, says) => {
    const e = errorFromResponse({ status, body: { error: { code, message } }, headers: h(), method });
    expect(e.toActionFailure().message).toMatch(says);
  });

  it("network and timeout words depend on whether the change may have landed", () => {
    const base = { status: null, code: "x", message: "m", method: "PUT" } as const;
    expect(new ChektError({ ...base, kind: "network", mayHaveApplied: false }).toActionFailure().message).toBe(
      "Could not reach CHeKT. Nothing was saved.",
    );
    expect(new ChektError({ ...base, kind: "network", mayHaveApplied: true }).toActionFailure().message).toMatch(
      /may or may not have been saved/,
    );
    expect(new ChektError({ ...base, kind: "timeout", mayHaveApplied: true }).toActionFailure().message).toBe(
      "CHeKT did not answer in time; the change may or may not have been saved — refresh to check before trying again.",
    );
    expect(new ChektError({ ...base, kind: "timeout", mayHaveApplied: false }).toActionFailure().message).toBe(
      "CHeKT did not answer in time. Nothing was saved. Try again shortly.",
    );
  });

  it("only a busy, failing or unreachable CHeKT is worth sending the same request to again", () => {
    const of = (kind: ChektErrorKind) =>
      new ChektError({ kind, status: null, code: kind, message: "x", method: "POST" });
    const transient: ChektErrorKind[] = ["rate_limited", "server", "network", "timeout"];
    const refusals: ChektErrorKind[] = ["validation", "unauthorized", "forbidden", "not_found", "conflict", "config"];
    for (const kind of transient) expect(isTransient(of(kind)), kind).toBe(true);
    for (const kind of refusals) expect(isTransient(of(kind)), kind).toBe(false);
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    expect(retryAfterSeconds(h({ "retry-after": "7" }))).toBe(7);
    expect(retryAfterSeconds(h({ "retry-after": new Date(10_000 + 5_000).toUTCString() }), 10_000)).toBe(5);
    expect(retryAfterSeconds(h({ "retry-after": "soon" }))).toBeUndefined();
    expect(retryAfterSeconds(h())).toBeUndefined();
  });

  it("a negative or garbled Retry-After is unreadable, not a date in 2001 that means 'now'", () => {
    for (const raw of ["-1", "-5", "abc 1", "1 2", "0x10", "1e3", "", "  "])
      expect(retryAfterSeconds(h({ "retry-after": raw }), 10_000), raw).toBeUndefined();
    // RFC 9110's obsolete forms are HTTP dates too.
    const at = Date.parse("Sun, 06 Nov 1994 08:49:37 GMT");
    expect(retryAfterSeconds(h({ "retry-after": "Sunday, 06-Nov-94 08:49:37 GMT" }), at - 3_000)).toBe(3);
    expect(retryAfterSeconds(h({ "retry-after": "Sun Nov  6 08:49:37 1994" }), at - 3_000)).toBe(3);
  });
});

describe("waitSeconds: a wait as the whole seconds shown and counted down", () => {
  it("rounds up, so nothing is resent before the wait ends, and never says 0 s", () => {
    expect([0, 1, 999, 1_000, 1_001, 1_400, 1_500, 2_000].map(waitSeconds)).toEqual([1, 1, 1, 1, 2, 2, 2, 2]);
  });

  it("a dealer is told the same seconds the countdown runs (waited 1.4 s reads 2 s, not 1 s)", () => {
    const e = new ChektError({ kind: "rate_limited", code: "rate_limited", message: "x", waitedMs: 1_400 });
    expect(e.toActionFailure().message).toMatch(/waited 2 s and gave up/);
  });
});

describe("rateLimitWaitMs: how long a 429 holds the credential", () => {
  const NOW = Date.parse("2026-12-01T12:00:00.000Z");
  const wait = (o: Record<string, string>) => rateLimitWaitMs(h(o), NOW);

  it("Retry-After in seconds, fractions kept", () => {
    expect(wait({ "retry-after": "7" })).toBe(7_000);
    expect(wait({ "retry-after": " 1.5 " })).toBe(1_500);
    expect(wait({ "retry-after": "0" })).toBe(0);
  });

  it("Retry-After as an HTTP date: until then, none once it has passed", () => {
    expect(wait({ "retry-after": new Date(NOW + 12_000).toUTCString() })).toBe(12_000);
    expect(wait({ "retry-after": new Date(NOW - 60_000).toUTCString() })).toBe(0);
  });

  it("Retry-After wins over X-RateLimit-Reset", () => {
    expect(wait({ "retry-after": "2", "x-ratelimit-reset": String(NOW / 1000 + 30) })).toBe(2_000);
  });

  it("no readable Retry-After (empty, garbage, negative): one token's refill at X-RateLimit-Limit", () => {
    // Never until X-RateLimit-Reset: in CHeKT's token bucket that is when the bucket is full again.
    const reset = String(NOW / 1000 + 30);
    for (const raw of ["", "soon", "-1", "NaN"])
      expect(wait({ "retry-after": raw, "x-ratelimit-limit": "60", "x-ratelimit-reset": reset }), raw).toBe(1_000);
    expect(wait({ "x-ratelimit-limit": "600", "x-ratelimit-reset": reset })).toBe(100);
    expect(wait({ "x-ratelimit-reset": reset })).toBe(DEFAULT_RATE_LIMIT_WAIT_MS);
    expect(wait({ "x-ratelimit-limit": "0" })).toBe(DEFAULT_RATE_LIMIT_WAIT_MS);
  });

  it("neither, or only a Reset: the default second", () => {
    expect(DEFAULT_RATE_LIMIT_WAIT_MS).toBe(1_000);
    expect(wait({})).toBe(DEFAULT_RATE_LIMIT_WAIT_MS);
    expect(wait({ "retry-after": "", "x-ratelimit-reset": "" })).toBe(DEFAULT_RATE_LIMIT_WAIT_MS);
    expect(wait({ "retry-after": "-3" })).toBe(DEFAULT_RATE_LIMIT_WAIT_MS);
    expect(wait({ "x-ratelimit-reset": String(NOW / 1000 - 5) })).toBe(DEFAULT_RATE_LIMIT_WAIT_MS);
    expect(wait({ "x-ratelimit-reset": "soon" })).toBe(DEFAULT_RATE_LIMIT_WAIT_MS);
  });
});
