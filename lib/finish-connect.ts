import "server-only";
import { randomUUID } from "node:crypto";
import { writeAudit } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/session";
import { connectDealer } from "@/lib/chekt/api/dealers";
import { exchangeCode, openPending, readCallback, type PendingConnect } from "@/lib/chekt/api/oauth";
import { isChektError } from "@/lib/chekt/errors";
import { prisma } from "@/lib/db";
import { errorText } from "@/lib/error-text";
import { upsertMapping } from "@/lib/mappings";
import { queueFirstSync } from "@/lib/mirror/start-sync";
import { mirrorDealer } from "@/lib/mirror/write";
import type { ResponseDealerDto } from "@/lib/schemas/contract";

// Second half of connecting a dealer (the first is beginConnect in lib/chekt/api/oauth.ts): CHeKT
// sends the admin back to /api/dealers/callback with ?code&state after they approved (or ?error
// after they declined). Every outcome is audited; the route shows it on /dealer via ?connect=….

/** What /dealer is told (`?connect=outcome` and the extra params), and the link to work on when connected. */
export type ConnectOutcome = { outcome: string; extra?: Record<string, string>; dealerLinkId?: string };

type AuditAttempt = (outcome: "failure" | "refused", error: string) => Promise<void>;

export async function finishConnect(
  user: SessionUser,
  params: URLSearchParams,
  sealed: string | undefined,
): Promise<ConnectOutcome> {
  const traceId = randomUUID();
  const pending = openPending(sealed);
  const audit: AuditAttempt = (outcome, error) =>
    writeAudit(prisma, {
      action: "dealer.connect",
      objectKind: "dealer",
      outcome,
      error,
      traceId,
      user,
      externalId: pending?.external_dealer_id ?? null,
    });
  const answer = readCallback(params, pending, user.id);
  if (answer.kind === "bad_state") {
    await audit("refused", "state missing, expired or not ours");
    return { outcome: "state" };
  }
  if (answer.kind === "declined") {
    await audit("refused", `CHeKT: ${answer.error}`);
    return { outcome: answer.error === "access_denied" ? "denied" : "failed", extra: { trace: traceId } };
  }
  if (answer.kind === "no_code") {
    await audit("failure", "no code in the callback");
    return { outcome: "failed", extra: { trace: traceId } };
  }
  try {
    return await connectWithCode(user, answer.code, answer.pending, traceId, audit);
  } catch (e) {
    const message = isChektError(e) ? `${e.code}: ${e.message}` : errorText(e);
    await audit("failure", message).catch(() => undefined);
    return {
      outcome: "failed",
      extra: {
        trace: isChektError(e) && e.traceId ? e.traceId : traceId,
        ...(isChektError(e) && e.status ? { status: String(e.status) } : {}),
      },
    };
  }
}

/** The code for the admin's token, the binding in CHeKT, then our link; throws what CHeKT or Postgres throw. */
async function connectWithCode(
  user: SessionUser,
  code: string,
  pending: PendingConnect,
  traceId: string,
  audit: AuditAttempt,
): Promise<ConnectOutcome> {
  const token = await exchangeCode({ code, verifier: pending.verifier, traceId });
  // Refuse before binding in CHeKT when our ID already names another dealer here.
  const taken = await prisma.dealerLink.findUnique({ where: { externalDealerId: pending.external_dealer_id } });
  if (taken && token.dealer_id !== undefined && taken.chektDealerId !== token.dealer_id) {
    await audit("refused", `external_dealer_id already used by CHeKT dealer ${taken.chektDealerId}`);
    return { outcome: "taken", extra: { trace: traceId } };
  }
  const dealer = await connectDealer(
    token.access_token,
    { external_dealer_id: pending.external_dealer_id, company_name: pending.company_name },
    { traceId },
  );
  const linkId = await storeConnection(user, pending.external_dealer_id, dealer, traceId);
  // The dealer's pages read the mirror: sweep everything now (progress shows on /dealer and /).
  await queueFirstSync(linkId);
  return { outcome: "connected", extra: { dealer: String(dealer.dealer_id) }, dealerLinkId: linkId };
}

/** The link, its mapping, the connecting admin's membership, the audit row and the mirror row: all or nothing. */
function storeConnection(
  user: SessionUser,
  externalId: string,
  dealer: ResponseDealerDto,
  traceId: string,
): Promise<string> {
  const now = new Date();
  return prisma.$transaction(async (tx) => {
    const link = await tx.dealerLink.upsert({
      where: { chektDealerId: dealer.dealer_id },
      create: {
        chektDealerId: dealer.dealer_id,
        externalDealerId: externalId,
        companyName: dealer.company_name,
        connectedAt: now,
      },
      update: {
        externalDealerId: externalId,
        companyName: dealer.company_name,
        connectedAt: now,
        disconnectedAt: null,
      },
    });
    await upsertMapping(tx, { dealerLinkId: link.id, kind: "dealer", chektId: dealer.dealer_id, externalId });
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
      externalId,
      dealerLinkId: link.id,
      traceId,
      after: dealer,
      outcome: "success",
      user,
    });
    await mirrorDealer(tx, link.id, dealer, { how: "write" });
    return link.id;
  });
}
