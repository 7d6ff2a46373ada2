import { randomUUID } from "node:crypto";
import { cookies } from "next/headers";
import { NextResponse, type NextRequest } from "next/server";
import { writeAudit } from "@/lib/audit";
import { requireRouteRole } from "@/lib/auth/require";
import { isChektError } from "@/lib/chekt/errors";
import { prisma } from "@/lib/db";
import { DEALER_COOKIE } from "@/lib/dealer";
import { env } from "@/lib/env";
import { connectDealer } from "@/lib/chekt/api/dealers";
import { upsertMapping } from "@/lib/mappings";
import { CONNECT_COOKIE, CONNECT_COOKIE_PATH, exchangeCode, openPending, sameState } from "@/lib/chekt/api/oauth";
import { queueFirstSync } from "@/lib/mirror/start-sync";
import { mirrorDealer } from "@/lib/mirror/write";
import { errorText } from "@/lib/error-text";

// Second half of connecting a dealer: CHeKT sends the admin back here with ?code&state after they
// approved (or ?error after they declined). The outcome is shown on /dealer via ?connect=….

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

  const traceId = randomUUID();
  const params = req.nextUrl.searchParams;
  const pending = openPending((await cookies()).get(CONNECT_COOKIE)?.value);
  const state = params.get("state") ?? "";
  const audit = (outcome: "failure" | "refused", error: string, extra: { chektId?: number } = {}) =>
    writeAudit(prisma, {
      action: "dealer.connect",
      objectKind: "dealer",
      outcome,
      error,
      traceId,
      user,
      externalId: pending?.external_dealer_id ?? null,
      chektId: extra.chektId,
    });

  // The state must be the one we sent, from this browser, for this user, not expired.
  if (!pending || !state || !sameState(pending.state, state) || pending.userId !== user.id) {
    await audit("refused", "state missing, expired or not ours");
    return back("state");
  }
  if (params.get("error")) {
    await audit("refused", `CHeKT: ${params.get("error")}`);
    return back(params.get("error") === "access_denied" ? "denied" : "failed", { trace: traceId });
  }
  const code = params.get("code");
  if (!code) {
    await audit("failure", "no code in the callback");
    return back("failed", { trace: traceId });
  }

  try {
    const token = await exchangeCode({ code, verifier: pending.verifier, traceId });
    // Refuse before binding in CHeKT when our ID already names another dealer here.
    const taken = await prisma.dealerLink.findUnique({ where: { externalDealerId: pending.external_dealer_id } });
    if (taken && token.dealer_id !== undefined && taken.chektDealerId !== token.dealer_id) {
      await audit("refused", `external_dealer_id already used by CHeKT dealer ${taken.chektDealerId}`);
      return back("taken", { trace: traceId });
    }
    const dealer = await connectDealer(
      token.access_token,
      { external_dealer_id: pending.external_dealer_id, company_name: pending.company_name },
      { traceId },
    );
    const now = new Date();
    const linkId = await prisma.$transaction(async (tx) => {
      const link = await tx.dealerLink.upsert({
        where: { chektDealerId: dealer.dealer_id },
        create: {
          chektDealerId: dealer.dealer_id,
          externalDealerId: pending.external_dealer_id,
          companyName: dealer.company_name,
          connectedAt: now,
        },
        update: {
          externalDealerId: pending.external_dealer_id,
          companyName: dealer.company_name,
          connectedAt: now,
          disconnectedAt: null,
        },
      });
      await upsertMapping(tx, {
        dealerLinkId: link.id,
        kind: "dealer",
        chektId: dealer.dealer_id,
        externalId: pending.external_dealer_id,
      });
      // Whoever connected the dealer administers it (memberships decide who may work on a dealer;
      // a reconnect keeps the memberships it had).
      await tx.membership.upsert({
        where: { userId_dealerLinkId: { userId: user.id, dealerLinkId: link.id } },
        create: { userId: user.id, dealerLinkId: link.id, role: "admin" },
        update: {},
      });
      await writeAudit(tx, {
        action: "dealer.connect",
        objectKind: "dealer",
        chektId: dealer.dealer_id,
        externalId: pending.external_dealer_id,
        dealerLinkId: link.id,
        traceId,
        after: dealer,
        outcome: "success",
        user,
      });
      await mirrorDealer(tx, link.id, dealer, { how: "write" });
      return link.id;
    });
    // The dealer's pages read the mirror: sweep everything now (progress shows on /dealer and /).
    await queueFirstSync(linkId);
    const res = back("connected", { dealer: String(dealer.dealer_id) });
    // Work on the dealer just connected (the shell's switcher reads this cookie).
    res.cookies.set(DEALER_COOKIE, linkId, {
      httpOnly: true,
      sameSite: "lax",
      secure: env.APP_URL.startsWith("https://"),
      path: "/",
      maxAge: 60 * 60 * 24 * 365,
    });
    return res;
  } catch (e) {
    const message = isChektError(e) ? `${e.code}: ${e.message}` : errorText(e);
    await audit("failure", message).catch(() => undefined);
    return back("failed", {
      trace: isChektError(e) && e.traceId ? e.traceId : traceId,
      ...(isChektError(e) && e.status ? { status: String(e.status) } : {}),
    });
  }
}
