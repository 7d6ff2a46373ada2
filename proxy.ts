// Every route except sign-in, the auth API, webhooks, health and static files needs a session.
// This is a convenience, not the security boundary: pages, actions and route handlers check the
// session and role themselves (lib/auth/require.ts, lib/actions/client.ts).
import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authConfig, isPublicPath } from "@/lib/auth/config";

const { auth } = NextAuth(authConfig);

export default auth((req) => {
  const { pathname, search } = req.nextUrl;
  if (isPublicPath(pathname)) return NextResponse.next();

  if (!req.auth?.user) {
    if (pathname.startsWith("/api/")) {
      return NextResponse.json({ error: { code: "unauthenticated", message: "Sign in first." } }, { status: 401 });
    }
    const url = new URL("/sign-in", req.nextUrl.origin);
    if (pathname !== "/") url.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(url);
  }

  // Tell pages which path was asked for, so a page that finds the session ended can come back here.
  const headers = new Headers(req.headers);
  headers.set("x-request-path", `${pathname}${search}`);
  return NextResponse.next({ request: { headers } });
});

export const config = {
  // Static assets never reach the proxy.
  matcher: ["/((?!_next/static|_next/image|favicon\\.ico|robots\\.txt|.*\\.(?:png|jpg|jpeg|gif|svg|webp|ico|css|js|map|txt|woff2?)$).*)"],
};
