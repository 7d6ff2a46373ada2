// Every page runs under the per-request nonce CSP with no violation: signed out (sign-in), then as
// an admin, a crawl of every page the console links to (dealer-scoped detail pages included), each
// checked for a CSP report in the console or a securitypolicyviolation event, and for its headers.
import { expect, test, type Page } from "@playwright/test";
import { appUrl, signInThroughForm } from "./setup";

type Violation = { url: string; text: string };

/** Collects CSP reports: Chromium logs each one to the console, and the page fires an event. */
function watchCsp(page: Page): Violation[] {
  const seen: Violation[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(msg.text()))
      seen.push({ url: page.url(), text: msg.text() });
  });
  void page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(
        `Content Security Policy violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} ` +
          `(${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
  return seen;
}

function expectSecurityHeaders(headers: Record<string, string>, where: string) {
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, `${where}: CSP`).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
  expect(csp, `${where}: frame-ancestors`).toContain("frame-ancestors 'none'");
  expect(csp, `${where}: no unsafe-eval in production`).not.toContain("unsafe-eval");
  expect(headers["x-content-type-options"], where).toBe("nosniff");
  expect(headers["referrer-policy"], where).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"], where).toBe("DENY");
  // Served over plain http here: no HSTS.
  expect(headers["strict-transport-security"], where).toBeUndefined();
}

/** Same-origin console pages linked from this page (no API routes, no downloads). */
async function pageLinks(page: Page): Promise<string[]> {
  const base = new URL(appUrl()).origin;
  const hrefs = await page.locator("a[href]").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
  return hrefs
    .map((h) => new URL(h))
    .filter((u) => u.origin === base && !u.pathname.startsWith("/api/") && !u.pathname.startsWith("/sign-in"))
    .map((u) => `${u.pathname}${u.search}`);
}

test("the sign-in page runs under the nonce CSP with every security header", async ({ page }) => {
  const violations = watchCsp(page);
  const res = await page.goto("/sign-in");
  expectSecurityHeaders(res!.headers(), "/sign-in");
  // Next put this request's nonce on its own scripts.
  const nonce = /'nonce-([^']+)'/.exec(res!.headers()["content-security-policy"]!)![1];
  const scripts = await page.locator("script").evaluateAll((ss) => ss.map((s) => (s as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.every((n) => n === nonce)).toBe(true);
  await page.getByLabel("Email").fill("nobody@example.com");
  await page.getByLabel("Password").fill("wrong-password-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toBeVisible();
  expect(violations).toEqual([]);
});

test("a new nonce on every request", async ({ request }) => {
  const nonces = new Set<string>();
  for (let i = 0; i < 3; i++) {
    const res = await request.get("/sign-in");
    nonces.add(/'nonce-([^']+)'/.exec(res.headers()["content-security-policy"] ?? "")?.[1] ?? "missing");
  }
  expect(nonces.size).toBe(3);
  expect(nonces.has("missing")).toBe(false);
});

test("HSTS is sent when the request came over https, and static files carry nosniff", async ({ request }) => {
  const https = await request.get("/sign-in", { headers: { "x-forwarded-proto": "https" } });
  expect(https.headers()["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
  expect(https.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
  const page = await request.get("/sign-in");
  const asset = /\/_next\/static\/[^"]+\.js/.exec(await page.text())?.[0];
  expect(asset).toBeTruthy();
  const js = await request.get(asset!);
  expect(js.headers()["x-content-type-options"]).toBe("nosniff");
});

test("every console page an admin can reach runs without a CSP violation", async ({ page }) => {
  test.setTimeout(240_000);
  const violations = watchCsp(page);
  await signInThroughForm(page, "admin");
  const queue = ["/"];
  const visited = new Set<string>();
  // Detail pages repeat one template per id: one of each shape is enough.
  const shapeOf = (p: string) => p.split("?")[0]!.replace(/\/[^/]*\d[^/]*(?=\/|$)/g, "/:id");
  const shapes = new Set<string>();
  while (queue.length && visited.size < 60) {
    const next = queue.shift()!;
    if (visited.has(next)) continue;
    visited.add(next);
    const res = await page.goto(next);
    expect(res?.status(), next).toBeLessThan(500);
    expectSecurityHeaders(res!.headers(), next);
    // Let client components hydrate and start their requests (live queue, toasts).
    await page.waitForLoadState("networkidle").catch(() => undefined);
    for (const link of await pageLinks(page)) {
      const shape = shapeOf(link);
      if (!visited.has(link) && !shapes.has(shape)) {
        shapes.add(shape);
        queue.push(link);
      }
    }
  }
  expect(visited.size, [...visited].join("\n")).toBeGreaterThan(10);
  expect(violations, violations.map((v) => `${v.url}: ${v.text}`).join("\n")).toEqual([]);
});

test("the 404 and 403 pages run under the CSP too", async ({ page }) => {
  const violations = watchCsp(page);
  await signInThroughForm(page, "viewer");
  const missing = await page.goto("/no-such-page-anywhere");
  expect(missing?.status()).toBe(404);
  expectSecurityHeaders(missing!.headers(), "404");
  await page.waitForLoadState("networkidle").catch(() => undefined);
  const denied = await page.goto("/users");
  expect(denied?.status()).toBeGreaterThanOrEqual(400);
  await page.waitForLoadState("networkidle").catch(() => undefined);
  expect(violations, violations.map((v) => `${v.url}: ${v.text}`).join("\n")).toEqual([]);
});

test("the console cannot be framed by another site", async ({ page }) => {
  // A document of another origin (about:blank) tries to frame the sign-in page.
  await page.setContent(`<iframe id="f" src="${appUrl()}/sign-in"></iframe>`);
  const child = () => page.frames().find((f) => f !== page.mainFrame());
  // Chromium replaces a frame refused by frame-ancestors with its error page.
  await expect.poll(() => child()?.url() ?? "").toMatch(/^chrome-error:/);
  expect(await child()!.locator("form").count()).toBe(0);
});
