// The connection check reads CHeKT's error bodies with the client's own reader (lib/chekt/errors.ts
// parseErrorBody), so a body means the same on the check as in an action's error, and says a wait
// in the whole seconds every other wait is shown in.
import { describe, expect, it } from "vitest";
import { parseErrorBody } from "@/lib/chekt/errors";
import { diagnose, readErrorBody, type RawAnswer } from "@/lib/settings/diagnose";

const token = { label: "POST /oauth/token", surface: "token" as const, baseUrl: "http://chekt.test" };
const app = { label: "GET /v1/devices", surface: "app" as const, scope: "devices:read", baseUrl: "http://chekt.test" };
const http = (status: number, body: unknown, extra: Partial<Extract<RawAnswer, { kind: "http" }>> = {}): RawAnswer => ({
  kind: "http",
  status,
  contentType: "application/json",
  bodyText: JSON.stringify(body),
  ms: 5,
  ...extra,
});

const BODIES: unknown[] = [
  { error: { code: "permission_denied", message: "requires devices:read", request_id: "req_1" } },
  { error: { code: 403, message: "no access" } },
  { statusCode: 400, error: "Bad Request", message: ["name must not be empty", "x"] },
  { error: "invalid_client", error_description: "Client authentication failed" },
  { message: "Internal server error" },
  { error: ["invalid_api_key"] },
];

describe("one reader for CHeKT's error bodies", () => {
  it("the check and the client read the same code and message from every body", () => {
    for (const body of BODIES) {
      const { code, message } = parseErrorBody(body);
      const read = readErrorBody(JSON.stringify(body));
      expect({ code: read?.code, message: read?.message }, JSON.stringify(body)).toEqual({ code, message });
    }
  });

  it("keeps the token endpoint's error_description", () => {
    expect(parseErrorBody(BODIES[3]).message).toBe("Client authentication failed");
    expect(diagnose(http(401, BODIES[3]), token)).toMatchObject({
      bucket: "invalid_client",
      code: "invalid_client",
      serverMessage: "Client authentication failed",
    });
  });

  it("keeps a bare message, while a 4xx in no shape CHeKT uses still points at the base URL", () => {
    expect(diagnose(http(500, { message: "Internal server error" }), app)).toMatchObject({
      bucket: "server_error",
      serverMessage: "Internal server error",
    });
    expect(diagnose(http(401, { message: "Unauthorized" }), app).bucket).toBe("wrong_base_url");
    expect(readErrorBody("<html>")).toBeNull();
  });
});

describe("the rate-limited diagnosis", () => {
  it("says its wait in whole seconds, at least one", () => {
    const at = (retryAfterS: number) => diagnose(http(429, { error: { code: "rate_limited" } }, { retryAfterS }), app);
    expect(at(1.4).detail).toContain("again in 2 s.");
    expect(at(0).detail).toContain("again in 1 s.");
    expect(at(17).detail).toContain("again in 17 s.");
  });
});
