import "server-only";
import { randomUUID } from "node:crypto";
import { writeAudit } from "@/lib/audit";
import type { AuditObjectKind } from "@/lib/audit-kinds";
import { prisma } from "@/lib/db";
import type { MemberDealer } from "@/lib/dealer";
import type { SessionUser } from "./session";

/** The action name of the audit row a page or route writes when an id names nothing of the current dealer. */
export const REFUSED_LOOKUP_ACTION = "scope.not_found";

export type RefusedLookup = {
  user: SessionUser;
  dealer: MemberDealer;
  /** What the URL named: "site", "contact", "bulk_job", "monitoring_station", "verification", "snapshot"… */
  kind: AuditObjectKind;
  id: string | number;
  /** The page or route path asked for, so the history shows where the attempt came from. */
  where: string | null;
};

/**
 * Records, as refused, that a user asked by URL for an object the current dealer does not have:
 * another dealer's (the attempt this row exists for) or one that never existed, which looks the
 * same to them on purpose. The trace id lets the row be found from the server log.
 */
export async function auditRefusedLookup(lookup: RefusedLookup): Promise<void> {
  const { user, dealer, kind, id, where } = lookup;
  await writeAudit(prisma, {
    action: REFUSED_LOOKUP_ACTION,
    objectKind: kind,
    chektId: String(id).slice(0, 200),
    dealerLinkId: dealer.id,
    traceId: randomUUID(),
    outcome: "refused",
    error: `No ${kind.replace(/_/g, " ")} ${String(id).slice(0, 80)} in ${dealer.companyName}`,
    after: where ? { path: where.slice(0, 500) } : undefined,
    user,
  });
}

/** The action name of the audit row a page writes when the user's role there is too low (HTTP 403). */
export const REFUSED_PAGE_ACTION = "scope.forbidden";

/** Records, as refused, that a user opened a page their role in the current dealer does not allow. */
export async function auditForbiddenPage(
  user: SessionUser,
  dealer: MemberDealer | null,
  why: string,
  where: string | null,
) {
  await writeAudit(prisma, {
    action: REFUSED_PAGE_ACTION,
    objectKind: "page",
    dealerLinkId: dealer?.id ?? null,
    traceId: randomUUID(),
    outcome: "refused",
    error: why,
    after: where ? { path: where.slice(0, 500) } : undefined,
    user,
  });
}
