import "server-only";
import { currentAuditKind, storedAuditKinds } from "@/lib/audit-kinds";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AuditFilters } from "./audit-filters";
import { pageCount } from "@/lib/list-state/pages";
import { pageWindow, timeRange } from "./log-paging";

export const AUDIT_PAGE_SIZE = 50;

/**
 * `dealerLinkIds`: the dealers whose rows the reader may see (lib/dealer.ts visibleDealerLinkIds);
 * null only for the organisation owner. Another dealer's audit row is never listed nor exported.
 */
export function auditWhere(f: AuditFilters, dealerLinkIds: string[] | null): Prisma.AuditLogWhereInput {
  const and: Prisma.AuditLogWhereInput[] = dealerLinkIds ? [{ dealerLinkId: { in: dealerLinkIds } }] : [];
  if (f.user) and.push({ OR: [{ userEmail: { contains: f.user, mode: "insensitive" } }, { userId: f.user }] });
  if (f.action) and.push({ action: { contains: f.action, mode: "insensitive" } });
  if (f.kind) and.push({ objectKind: { in: storedAuditKinds(f.kind) } });
  if (f.object) and.push({ OR: [{ chektId: f.object }, { externalId: f.object }, { traceId: f.object }] });
  if (f.outcome) and.push({ outcome: f.outcome });
  if (f.from || f.to) and.push({ at: timeRange(f) });
  return and.length ? { AND: and } : {};
}

/** A row as the page and the export show it: an earlier spelling of its kind read as the current one. */
const asRead = <R extends { objectKind: string }>(r: R): R => ({ ...r, objectKind: currentAuditKind(r.objectKind) });

export async function auditPage(f: AuditFilters, dealerLinkIds: string[] | null) {
  const where = auditWhere(f, dealerLinkIds);
  const [rows, total] = await Promise.all([
    prisma.auditLog.findMany({ where, ...pageWindow(f.page, AUDIT_PAGE_SIZE) }),
    prisma.auditLog.count({ where }),
  ]);
  return { rows: rows.map(asRead), total, pages: pageCount(total, AUDIT_PAGE_SIZE) };
}

/** Distinct values for the filter dropdowns. */
export async function auditFacets(dealerLinkIds: string[] | null) {
  const where: Prisma.AuditLogWhereInput = dealerLinkIds ? { dealerLinkId: { in: dealerLinkIds } } : {};
  const [kinds, actions] = await Promise.all([
    prisma.auditLog.groupBy({ by: ["objectKind"], where, orderBy: { objectKind: "asc" } }),
    prisma.auditLog.groupBy({ by: ["action"], where, orderBy: { action: "asc" } }),
  ]);
  const current = [...new Set(kinds.map((k) => currentAuditKind(k.objectKind)))].sort();
  return { kinds: current, actions: actions.map((a) => a.action) };
}

/** Keyset batches (by id, newest first) so an export of any size streams in constant memory. */
export async function* auditBatches(f: AuditFilters, dealerLinkIds: string[] | null, batchSize = 500) {
  const where = auditWhere(f, dealerLinkIds);
  let before: bigint | undefined;
  for (;;) {
    const rows = await prisma.auditLog.findMany({
      where: before === undefined ? where : { AND: [where, { id: { lt: before } }] },
      orderBy: { id: "desc" },
      take: batchSize,
    });
    if (rows.length === 0) return;
    yield rows.map(asRead);
    if (rows.length < batchSize) return;
    before = rows[rows.length - 1].id;
  }
}
