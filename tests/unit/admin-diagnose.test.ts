import { describe, expect, it } from "vitest";
import { ChektError } from "@/lib/chekt/errors";
import { diagnose, diagnoseChektError, readErrorBody, scopeInMessage, type RawAnswer } from "@/lib/settings/diagnose";

const app = {
  label: "GET /v1/devices",
  surface: "app" as const,
  scope: "devices:read",
  baseUrl: "http://chekt.test",
  shapeOk: (b: unknown) => Array.isArray((b as { data?: unknown }).data),
};
const http = (status: number, body: unknown, extra: Partial<Extract<RawAnswer, { kind: "http" }>> = {}): RawAnswer => ({
  kind: "http",
  status,
  contentType: typeof body === "string" ? "text/html" : "application/json",
  bodyText: typeof body === "string" ? body : JSON.stringify(body),
  ms: 12,
  ...extra,
});
const envelope = (code: string, message: string) => ({ error: { code, message, request_id: "req_1" } });

describe("diagnose: the four failures the Apps set-up guide names, plus network", () => {
  it("accepts a /v1 page", () => {
    const d = diagnose(http(200, { data: [], has_more: false, next_cursor: null }), app);
    expect(d).toMatchObject({ ok: true, bucket: "ok", status: 200 });
  });

  it("invalid_api_key on 401", () => {
    const d = diagnose(http(401, envelope("invalid_api_key", "API key is revoked")), app);
    expect(d).toMatchObject({
      ok: false,
      bucket: "invalid_api_key",
      code: "invalid_api_key",
      serverMessage: "API key is revoked",
    });
    expect(d.detail).toMatch(/revoked/);
  });

  it("permission_denied names the scope CHeKT names, else the probed one", () => {
    const named = diagnose(http(403, envelope("permission_denied", "This key lacks the events:read scope")), app);
    expect(named).toMatchObject({
      bucket: "permission_denied",
      title: "Missing scope events:read (permission_denied)",
    });
    const unnamed = diagnose(http(403, envelope("permission_denied", "Forbidden")), app);
    expect(unnamed.title).toBe("Missing scope devices:read (permission_denied)");
    expect(unnamed.detail).toMatch(/Settings → CHeKT Apps/);
  });

  it("wrong base URL: an HTML page, a 404 on the path, or a 2xx in another shape", () => {
    expect(diagnose(http(200, "<!doctype html><html>hello</html>"), app).bucket).toBe("wrong_base_url");
    expect(diagnose(http(404, "<html>Not Found</html>"), app).bucket).toBe("wrong_base_url");
    expect(
      diagnose(http(404, { statusCode: 404, error: "Not Found", message: "Route GET:/api/v1/devices not found" }), app)
        .bucket,
    ).toBe("wrong_base_url");
    expect(diagnose(http(200, { hello: "world" }), app).bucket).toBe("wrong_base_url");
    expect(diagnose(http(200, { data: [] }), app).detail).toBe("GET /v1/devices answered 200 in 12 ms.");
  });

  it("rate limited with the Retry-After wait", () => {
    const d = diagnose(http(429, envelope("rate_limited", "Too many requests"), { retryAfterS: 17 }), app);
    expect(d).toMatchObject({ bucket: "rate_limited", retryAfterS: 17 });
    expect(d.detail).toMatch(/in 17 s/);
  });

  it("network failures, and an unknown host as a wrong base URL", () => {
    expect(
      diagnose({ kind: "network", code: "ECONNREFUSED", message: "connect ECONNREFUSED", ms: 3 }, app).bucket,
    ).toBe("network");
    expect(diagnose({ kind: "network", code: "TIMEOUT", message: "no answer", ms: 8000 }, app).title).toBe(
      "No answer in time",
    );
    expect(diagnose({ kind: "network", code: "ENOTFOUND", message: "getaddrinfo ENOTFOUND", ms: 3 }, app).bucket).toBe(
      "wrong_base_url",
    );
  });

  it("partner surface: bad client credentials, unreachable dealer, unknown dealer, CHeKT fault", () => {
    const token = { label: "POST /oauth/token", surface: "token" as const, baseUrl: "http://chekt.test" };
    const partner = { label: "GET /partner/v1/dealers/9", surface: "partner" as const, baseUrl: "http://chekt.test" };
    expect(diagnose(http(401, { error: "invalid_client", error_description: "bad secret" }), token)).toMatchObject({
      bucket: "invalid_client",
      code: "invalid_client",
      serverMessage: "bad secret",
    });
    expect(diagnose(http(403, envelope("forbidden", "not connected")), partner).bucket).toBe("no_dealer_access");
    expect(diagnose(http(404, envelope("not_found", "no dealer")), partner).bucket).toBe("not_found");
    expect(diagnose(http(503, envelope("unavailable", "down")), partner).bucket).toBe("server_error");
  });
});

describe("diagnoseChektError: what the shared client threw, in the probes' words", () => {
  const { shapeOk: _shape, ...ctx } = app;
  const thrown = (init: ConstructorParameters<typeof ChektError>[0]) => diagnoseChektError(new ChektError(init), ctx);

  it("says the same as a probe of the same answer", () => {
    for (const [init, answer] of [
      [{ kind: "unauthorized", status: 401, code: "invalid_api_key", message: "API key is revoked" }, 401],
      [{ kind: "forbidden", status: 403, code: "permission_denied", message: "requires events:read" }, 403],
      [{ kind: "not_found", status: 404, code: "not_found", message: "No such route" }, 404],
      [{ kind: "server", status: 503, code: "unavailable", message: "Try later" }, 503],
      [{ kind: "conflict", status: 409, code: "conflict", message: "Already there" }, 409],
    ] as const) {
      const probe = diagnose(http(answer, envelope(init.code, init.message)), app);
      expect(thrown({ ...init, traceId: "t-1" }), init.kind).toEqual({ ...probe, traceId: "t-1", ms: 0 });
    }
  });

  it("names the scope CHeKT names, else the one the page needs", () => {
    expect(thrown({ kind: "forbidden", status: 403, code: "permission_denied", message: "no" }).title).toBe(
      "Missing scope devices:read (permission_denied)",
    );
  });

  it("rate limited with the wait CHeKT asked for", () => {
    const d = thrown({ kind: "rate_limited", status: 429, code: "rate_limited", message: "slow", retryAfterS: 7 });
    expect(d).toMatchObject({ ok: false, bucket: "rate_limited", retryAfterS: 7 });
    expect(d.detail).toContain("again in 7 s");
  });

  it("no answer: a timeout, a refused connection, a bad base URL setting", () => {
    expect(thrown({ kind: "timeout", code: "timeout", message: "no answer in 8 s" })).toMatchObject({
      bucket: "network",
      title: "No answer in time",
    });
    expect(thrown({ kind: "network", code: "ECONNREFUSED", message: "connect ECONNREFUSED" })).toMatchObject({
      bucket: "network",
      title: "Cannot reach CHeKT",
    });
    expect(thrown({ kind: "config", code: "ERR_INVALID_URL", message: "Invalid URL" }).bucket).toBe("wrong_base_url");
  });
});

describe("readErrorBody", () => {
  it("reads both error shapes of the OpenAPI document", () => {
    expect(readErrorBody(JSON.stringify(envelope("permission_denied", "x")))).toEqual({
      code: "permission_denied",
      message: "x",
      fromApi: true,
    });
    expect(
      readErrorBody(
        JSON.stringify({ statusCode: 400, error: "Bad Request", message: ["name must not be empty", "x"] }),
      ),
    ).toEqual({ code: "bad_request", message: "name must not be empty; x", fromApi: true });
    expect(readErrorBody("<html>")).toBeNull();
    expect(readErrorBody("[1,2]")).toBeNull();
  });

  it("reads an envelope's code as text, its message only as text, and a list or null as no envelope", () => {
    expect(readErrorBody(JSON.stringify({ error: { code: 403, message: "no access" } }))).toEqual({
      code: "403",
      message: "no access",
      fromApi: true,
    });
    expect(readErrorBody(JSON.stringify({ error: { code: "rate_limited", message: ["slow"] } }))).toEqual({
      code: "rate_limited",
      message: undefined,
      fromApi: true,
    });
    expect(readErrorBody(JSON.stringify({ error: ["invalid_api_key"] }))).toBeNull();
    expect(readErrorBody(JSON.stringify({ error: null }))).toBeNull();
    expect(readErrorBody("null")).toBeNull();
  });

  it("finds a scope in a message", () => {
    expect(scopeInMessage("missing scope snapshots:read for this call")).toBe("snapshots:read");
    expect(scopeInMessage("nothing here")).toBeUndefined();
  });
});
