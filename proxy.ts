// Runs before every page and API route (static files excluded by the matcher):
// 1. security headers: a CSP with a fresh nonce per request (Next reads it from the request's
//    Content-Security-Policy header and puts it on its own scripts), HSTS over https;
// 2. every route except sign-in, the auth API, webhooks, health and static files needs a session.
//    That is a convenience, not the security boundary: pages, actions and route handlers check the
//    session and role themselves (lib/auth/require.ts, lib/actions/client.ts).
//
// The cookie is only decrypted here (once per cookie value, lib/auth/session-token.ts), not run
// through next-auth's auth(): that ran its whole session endpoint on every request (a Request, the
// decrypt, both callbacks, a re-encrypt and a Set-Cookie). Re-issuing the cookie bought nothing:
// its lifetime is the session's absolute lifetime from sign-in (lib/auth/config.ts), so a rolled
// expiry outlives the server-side record it names, and idle time is checked in Postgres.
import { NextResponse, type NextRequest } from "next/server";
import { isPublicPath } from "@/lib/auth/config";
import { sessionClaims, sessionCookieName, sessionTokenFrom, usesSecureCookie } from "@/lib/auth/session-token";
import { contentSecurityPolicy, HSTS_VALUE, newNonce, servedOverHttps } from "@/lib/security-headers";

async function signedIn(req: NextRequest): Promise<boolean> {
  const secret = process.env.AUTH_SECRET;
  if (!secret) return false;
  const name = sessionCookieName(usesSecureCookie(req.headers, process.env));
  const token = sessionTokenFrom(req.cookies.getAll(), name);
  const claims = token ? await sessionClaims(token, secret, name) : null;
  return Boolean(claims?.uid && claims.sid);
}

export default async function proxy(req: NextRequest): Promise<Response> {
  const https = servedOverHttps(req.nextUrl, req.headers);
  const csp = contentSecurityPolicy(newNonce(), { dev: process.env.NODE_ENV === "development", https });
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set("content-security-policy", csp);
  const res = await route(req, requestHeaders);
  res.headers.set("content-security-policy", csp);
  if (https) res.headers.set("strict-transport-security", HSTS_VALUE);
  return res;
}

async function route(req: NextRequest, requestHeaders: Headers): Promise<Response> {
  const { pathname, search } = req.nextUrl;
  if (isPublicPath(pathname)) return NextResponse.next({ request: { headers: requestHeaders } });

  if (!(await signedIn(req))) {
    if (pathname.startsWith("/api/")) {
      return NextResponse.json({ error: { code: "unauthenticated", message: "Sign in first." } }, { status: 401 });
    }
    const url = new URL("/sign-in", req.nextUrl.origin);
    if (pathname !== "/") url.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(url);
  }

  // Tell pages which path was asked for, so a page that finds the session ended can come back here.
  requestHeaders.set("x-request-path", `${pathname}${search}`);
  return NextResponse.next({ request: { headers: requestHeaders } });
}

export const config = {
  // Static assets never reach the proxy (favicon.ico and robots.txt included, by their extension).
  // A literal: Next reads the matcher at build time without running the file.
  matcher: ["/((?!_next/static|_next/image|.*\\.(?:png|jpg|jpeg|gif|svg|webp|ico|css|js|map|txt|woff2?)$).*)"],
};
