import { cookies } from "next/headers";
import { NextResponse, type NextRequest } from "next/server";
import { requireRouteRole } from "@/lib/auth/require";
import { CONNECT_COOKIE, CONNECT_COOKIE_PATH } from "@/lib/chekt/api/oauth";
import { DEALER_COOKIE } from "@/lib/dealer";
import { env } from "@/lib/env";
import { finishConnect } from "@/lib/finish-connect";

// Second half of connecting a dealer: CHeKT sends the admin back here with ?code&state after they
// approved (or ?error after they declined); lib/finish-connect.ts does the work. The outcome is
// shown on /dealer via ?connect=….

function back(outcome: string, extra: Record<string, string> = {}) {
  const url = new URL("/dealer", env.APP_URL);
  url.searchParams.set("connect", outcome);
  for (const [k, v] of Object.entries(extra)) url.searchParams.set(k, v);
  const res = NextResponse.redirect(url, 303);
  // Single use: whatever happened, the pending state is gone.
  res.cookies.set(CONNECT_COOKIE, "", { path: CONNECT_COOKIE_PATH, maxAge: 0, httpOnly: true });
  return res;
}

export async function GET(req: NextRequest) {
  const { user, denied } = await requireRouteRole("admin");
  if (denied) return denied;

  const sealed = (await cookies()).get(CONNECT_COOKIE)?.value;
  const done = await finishConnect(user, req.nextUrl.searchParams, sealed);
  const res = back(done.outcome, done.extra);
  if (done.dealerLinkId) {
    // Work on the dealer just connected (the shell's switcher reads this cookie). The browser's other tabs learn it
    // from /dealer, which announces the switch when opened with ?connect=connected (a redirect runs no script).
    res.cookies.set(DEALER_COOKIE, done.dealerLinkId, {
      httpOnly: true,
      sameSite: "lax",
      secure: env.APP_URL.startsWith("https://"),
      path: "/",
      maxAge: 60 * 60 * 24 * 365,
    });
  }
  return res;
}
