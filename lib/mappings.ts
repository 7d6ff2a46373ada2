import "server-only";
import { ActionError } from "@/lib/actions/errors";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { MappingKind } from "@/lib/generated/prisma/enums";

export type { MappingKind };
type Db = typeof prisma | Prisma.TransactionClient;

const NOUN = {
  dealer: { label: "dealer", field: "external_dealer_id" },
  site: { label: "site", field: "external_site_id" },
  monitoring_station: { label: "monitoring station", field: "external_monitoring_station_id" },
  contact: { label: "contact", field: "external_contact_id" },
  device: { label: "device", field: "external_device_id" },
} as const satisfies Record<MappingKind, { label: string; field: string }>;

/** The name CHeKT gives a kind's external-ID field (`external_site_id`, …). */
export type ExternalIdField<K extends MappingKind> = (typeof NOUN)[K]["field"];

export function externalIdField<K extends MappingKind>(kind: K): ExternalIdField<K> {
  return NOUN[kind].field;
}

/**
 * Refuses an external ID this dealer already uses for another object of the same kind. Runs
 * BEFORE CHeKT is called, so a duplicate never reaches CHeKT. `exceptChektId` lets an edit keep
 * its own ID.
 */
export async function assertExternalIdFree(
  db: Db,
  dealerLinkId: string,
  kind: MappingKind,
  externalId: string,
  exceptChektId?: string | number,
) {
  const existing = await db.externalIdMapping.findUnique({
    where: { dealerLinkId_kind_externalId: { dealerLinkId, kind, externalId } },
    select: { chektId: true },
  });
  if (existing && existing.chektId !== (exceptChektId === undefined ? undefined : String(exceptChektId))) {
    const { label, field } = NOUN[kind];
    throw new ActionError(
      "conflict",
      `Another ${label} already uses the ID "${externalId}" (CHeKT ${label} ${existing.chektId}). Nothing ` +
        "was sent to CHeKT.",
      {
        [field]: `Already used by ${label} ${existing.chektId}; choose another ID.`,
      },
    );
  }
}

/**
 * The mapping (other than `exceptId`) already holding this CHeKT id or this external ID for the
 * dealer and kind, if any: adopting an object CHeKT lists (the drift page) must not take either.
 */
export async function findMappingClash(
  db: Db,
  m: { dealerLinkId: string; kind: MappingKind; chektId: string; externalId: string; exceptId?: string },
) {
  return db.externalIdMapping.findFirst({
    where: {
      dealerLinkId: m.dealerLinkId,
      kind: m.kind,
      OR: [{ chektId: m.chektId }, { externalId: m.externalId }],
      ...(m.exceptId ? { NOT: { id: m.exceptId } } : {}),
    },
  });
}

/** One external ID ↔ CHeKT ID pair of a dealer link (a contact's names its site as parent). */
export type MappingRow = {
  dealerLinkId: string;
  kind: MappingKind;
  chektId: string | number;
  externalId: string;
  parentChektId?: string | number | null;
};

/** Records (or moves) our external ID ↔ CHeKT ID, inside the caller's transaction. */
export async function upsertMapping(tx: Db, m: MappingRow) {
  const chektId = String(m.chektId);
  const parentChektId = m.parentChektId == null ? null : String(m.parentChektId);
  await tx.externalIdMapping.upsert({
    where: { dealerLinkId_kind_chektId: { dealerLinkId: m.dealerLinkId, kind: m.kind, chektId } },
    create: { dealerLinkId: m.dealerLinkId, kind: m.kind, chektId, externalId: m.externalId, parentChektId },
    update: { externalId: m.externalId, parentChektId },
  });
}

/** Forgets a mapping when the object is deleted in CHeKT (the audit row keeps the history). */
export async function deleteMapping(tx: Db, dealerLinkId: string, kind: MappingKind, chektId: string | number) {
  await tx.externalIdMapping.deleteMany({ where: { dealerLinkId, kind, chektId: String(chektId) } });
}

/** Mappings for contacts of a deleted site go with it. */
export async function deleteChildMappings(
  tx: Db,
  dealerLinkId: string,
  kind: MappingKind,
  parentChektId: string | number,
) {
  await tx.externalIdMapping.deleteMany({ where: { dealerLinkId, kind, parentChektId: String(parentChektId) } });
}

/**
 * Runs `fn` (check → CHeKT → commit) while holding a Postgres advisory lock on this dealer's
 * external ID, so two people creating the same ID at once cannot both pass the check: the second
 * waits, then finds the first one's mapping and is refused before CHeKT is called. (CHeKT itself
 * only keeps contact IDs unique per site, so without this a race would leave an unmapped copy.)
 * The lock lives in its own short transaction, on its own connection; nothing is written there.
 */
export async function withExternalIdClaim<T>(
  dealerLinkId: string,
  kind: MappingKind,
  externalId: string,
  fn: () => Promise<T>,
): Promise<T> {
  const key = `external-id:${dealerLinkId}:${kind}:${externalId}`;
  return prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`select pg_advisory_xact_lock(hashtext(${key}))::text`;
      return fn();
    },
    // Long enough for CHeKT's slowest answer (rate-limit waits and retries included).
    { maxWait: 10_000, timeout: 120_000 },
  );
}
