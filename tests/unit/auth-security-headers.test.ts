// The page CSP and the https test behind HSTS (the browser-side proof is tests/e2e/auth-csp.spec.ts).
import { describe, expect, it, vi } from "vitest";
import { contentSecurityPolicy, newNonce, servedOverHttps, STATIC_SECURITY_HEADERS } from "@/lib/security-headers";

describe("security headers", () => {
  it("scripts only with this request's nonce; no framing, plugins or foreign forms", () => {
    const csp = contentSecurityPolicy("abc123", { dev: false, https: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    for (const d of [
      "frame-ancestors 'none'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "default-src 'self'",
    ])
      expect(csp).toContain(d);
    expect(csp).not.toMatch(/unsafe-eval|upgrade-insecure-requests|script-src[^;]*unsafe-inline/);
    expect(csp).toContain("report-uri /api/csp-report");
  });

  it("next dev gets eval and its websocket; https gets upgrade-insecure-requests", () => {
    expect(contentSecurityPolicy("n", { dev: true, https: false })).toMatch(
      /'unsafe-eval'.*connect-src 'self' ws: wss:/,
    );
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

describe("CSP reports", () => {
  const post = (body: string) =>
    new Request("http://x/api/csp-report", {
      method: "POST",
      body,
      headers: { "content-type": "application/csp-report" },
    });

  it("logs one line per report, both formats, and refuses junk and big bodies", async () => {
    const { receiveCspReport, CSP_LOG_TAG } = await import("@/lib/csp-report");
    const lines: string[] = [];
    const spy = vi.spyOn(console, "warn").mockImplementation((l: string) => void lines.push(l));
    try {
      const legacy = {
        "csp-report": {
          "document-uri": "http://x/sites",
          "violated-directive": "script-src-elem",
          "blocked-uri": "inline",
          "line-number": 3,
        },
      };
      expect((await receiveCspReport(post(JSON.stringify(legacy)), 1_000)).status).toBe(204);
      const modern = [
        {
          type: "csp-violation",
          body: { documentURL: "http://x/", effectiveDirective: "script-src", blockedURL: "eval" },
        },
      ];
      expect((await receiveCspReport(post(JSON.stringify(modern)), 1_000)).status).toBe(204);
      expect(lines.map((l) => JSON.parse(l))).toEqual([
        { at: CSP_LOG_TAG, page: "http://x/sites", directive: "script-src-elem", blocked: "inline", line: 3 },
        { at: CSP_LOG_TAG, page: "http://x/", directive: "script-src", blocked: "eval" },
      ]);
      expect((await receiveCspReport(post("not json"), 1_000)).status).toBe(400);
      expect((await receiveCspReport(post("x".repeat(20_000)), 1_000)).status).toBe(413);
    } finally {
      spy.mockRestore();
    }
  });

  it("skips what is not a report in either format, and still logs the reports beside it", async () => {
    // A module of its own: the per-minute window it moves is not the one the other tests count in.
    vi.resetModules();
    const { receiveCspReport, CSP_LOG_TAG } = await import("@/lib/csp-report");
    const lines: string[] = [];
    const spy = vi.spyOn(console, "warn").mockImplementation((l: string) => void lines.push(l));
    try {
      const mixed = [
        null,
        7,
        { body: "text" },
        { body: [1] },
        { body: { documentURL: "http://x/a", blockedURL: "b" } },
      ];
      expect((await receiveCspReport(post(JSON.stringify(mixed)), 1_000)).status).toBe(204);
      for (const junk of [null, 3, { "csp-report": "text" }, { "csp-report": null }, { other: {} }]) {
        expect((await receiveCspReport(post(JSON.stringify(junk)), 1_000)).status).toBe(204);
      }
      expect(lines.map((l) => JSON.parse(l))).toEqual([{ at: CSP_LOG_TAG, page: "http://x/a", blocked: "b" }]);
    } finally {
      spy.mockRestore();
      vi.resetModules();
    }
  });

  it("logs at most 60 a minute, then says how many it dropped", async () => {
    const { receiveCspReport, REPORTS_PER_MINUTE } = await import("@/lib/csp-report");
    const lines: string[] = [];
    const spy = vi.spyOn(console, "warn").mockImplementation((l: string) => void lines.push(l));
    try {
      const one = JSON.stringify({ "csp-report": { "document-uri": "http://x/", "violated-directive": "img-src" } });
      for (let i = 0; i < REPORTS_PER_MINUTE + 15; i++) await receiveCspReport(post(one), 10_000_000);
      expect(lines).toHaveLength(REPORTS_PER_MINUTE);
      await receiveCspReport(post(one), 10_000_000 + 60_000);
      expect(JSON.parse(lines[REPORTS_PER_MINUTE]!)).toMatchObject({ dropped: 15 });
    } finally {
      spy.mockRestore();
    }
  });
});

describe("the e2e stage's CSP check", () => {
  it("counts logged violations except frame-ancestors refusals", async () => {
    const fs = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const { cspViolationsIn } = await import("../../scripts/lib/csp-log");
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "csp-log-")), "app.log");
    fs.writeFileSync(
      file,
      [
        "▲ Next.js ready",
        '[app] {"at":"csp.violation","page":"http://x/sites","directive":"script-src","blocked":"eval"}',
        '{"at":"csp.violation","page":"http://x/sign-in","directive":"frame-ancestors","blocked":"http://x/sign-in"}',
        '{"at":"webhook.reject"}',
      ].join("\n"),
    );
    expect(cspViolationsIn(file)).toEqual([
      '{"at":"csp.violation","page":"http://x/sites","directive":"script-src","blocked":"eval"}',
    ]);
    expect(cspViolationsIn(path.join(path.dirname(file), "missing.log"))).toEqual([]);
  });
});
