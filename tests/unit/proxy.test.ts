// proxy.ts on real requests and a real next-auth session cookie (encrypted with AUTH_SECRET as
// sign-in issues it): who goes to sign-in, who gets a 401, and that a signed-in request is passed on
// without a re-issued cookie (it only decrypts the cookie; lib/auth/session.ts checks the session).
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";

const SECRET = "unit-test-proxy-secret-0123456789abcdef";
const COOKIE = "authjs.session-token"; // plain http: lib/auth/session-token.ts sessionCookieName(false)

type Proxy = (req: NextRequest) => Promise<Response>;
let proxy: Proxy;

beforeAll(async () => {
  process.env.AUTH_SECRET = SECRET;
  process.env.AUTH_URL = "http://console.test";
  proxy = (await import("@/proxy")).default;
});

async function cookieFor(claims: Record<string, unknown>, secret = SECRET): Promise<string> {
  return `${COOKIE}=${await encode({ token: claims, secret, salt: COOKIE })}`;
}

function request(path: string, cookie?: string): NextRequest {
  return new NextRequest(`http://console.test${path}`, { headers: cookie ? { cookie } : {} });
}

describe("proxy", () => {
  it("sends a page without a session to sign-in, with the page to come back to", async () => {
    const res = await proxy(request("/sites?page=2"));
    expect(res.status).toBe(307);
    const to = new URL(res.headers.get("location")!);
    expect(to.pathname).toBe("/sign-in");
    expect(to.searchParams.get("callbackUrl")).toBe("/sites?page=2");
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self' 'nonce-");
  });

  it("answers an API call without a session with a JSON 401", async () => {
    const res = await proxy(request("/api/sites"));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: "unauthenticated", message: "Sign in first." } });
  });

  it("refuses a cookie sealed with another secret, or one naming no session", async () => {
    const foreign = await cookieFor({ uid: "u1", sid: "s1", sv: 1 }, "another-install-secret-0123456789abcdef");
    expect((await proxy(request("/sites", foreign))).status).toBe(307);
    expect((await proxy(request("/sites", await cookieFor({ uid: "u1", sv: 1 })))).status).toBe(307);
    expect((await proxy(request("/sites", `${COOKIE}=not-a-token`))).status).toBe(307);
  });

  it("passes a signed-in request on with the asked path, and does not re-issue the cookie", async () => {
    const res = await proxy(request("/sites?q=a", await cookieFor({ uid: "u1", sid: "s1", sv: 1 })));
    expect(res.status).toBe(200);
    expect(res.headers.get("x-middleware-next")).toBe("1");
    expect(res.headers.get("x-middleware-request-x-request-path")).toBe("/sites?q=a");
    expect(res.headers.get("x-middleware-request-content-security-policy")).toBe(
      res.headers.get("content-security-policy"),
    );
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it("lets sign-in, the auth API, webhooks and health through without a session", async () => {
    for (const path of ["/sign-in", "/api/auth/csrf", "/api/webhooks/chekt", "/api/health"]) {
      const res = await proxy(request(path));
      expect(res.status, path).toBe(200);
      expect(res.headers.get("x-middleware-next"), path).toBe("1");
    }
  });
});
