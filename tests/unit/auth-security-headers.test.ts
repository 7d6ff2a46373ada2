// The page CSP and the https test behind HSTS (the browser-side proof is tests/e2e/auth-csp.spec.ts).
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, servedOverHttps, STATIC_SECURITY_HEADERS } from "@/lib/security-headers";

describe("security headers", () => {
  it("scripts only with this request's nonce; no framing, plugins or foreign forms", () => {
    const csp = contentSecurityPolicy("abc123", { dev: false, https: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    for (const d of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "default-src 'self'"]) expect(csp).toContain(d);
    expect(csp).not.toMatch(/unsafe-eval|upgrade-insecure-requests|script-src[^;]*unsafe-inline/);
  });

  it("next dev gets eval and its websocket; https gets upgrade-insecure-requests", () => {
    expect(contentSecurityPolicy("n", { dev: true, https: false })).toMatch(/'unsafe-eval'.*connect-src 'self' ws: wss:/);
    expect(contentSecurityPolicy("n", { dev: false, https: true })).toContain("upgrade-insecure-requests");
  });

  it("a fresh 128-bit nonce each time", () => {
    const a = newNonce();
    expect(Buffer.from(a, "base64")).toHaveLength(16);
    expect(newNonce()).not.toBe(a);
  });

  it("https is the URL's protocol or the proxy's X-Forwarded-Proto", () => {
    expect(servedOverHttps(new URL("https://x/"), new Headers())).toBe(true);
    expect(servedOverHttps(new URL("http://x/"), new Headers({ "x-forwarded-proto": "https" }))).toBe(true);
    expect(servedOverHttps(new URL("http://x/"), new Headers({ "x-forwarded-proto": "http, https" }))).toBe(false);
    expect(servedOverHttps(new URL("http://x/"), new Headers())).toBe(false);
  });

  it("nosniff and a referrer policy on every response", () => {
    expect(Object.fromEntries(STATIC_SECURITY_HEADERS.map((h) => [h.key, h.value]))).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Frame-Options": "DENY",
    });
  });
});
