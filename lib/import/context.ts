// What a site sheet is checked against, read from the dealer's mirror (no CHeKT call): its
// monitoring stations by name, the external IDs its sites use, the account numbers in use on each
// station (the rule of lib/readiness/account.ts, for a whole sheet at once), its ID pattern and
// the next {seq}. The page hands it to the browser; the action reads it again to re-check.
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { DEFAULT_ID_PATTERN, nextSeq } from "./id-pattern";
import { stationAccountKey } from "@/lib/readiness/account-number";
import { siteRef } from "@/lib/site-label";
import type { SiteContext } from "./validate";

type Db = PrismaClient | Prisma.TransactionClient;

export type ImportContextData = {
  stations: { id: number; name: string }[];
  existingSiteIds: string[];
  accountsInUse: [string, string][];
  pattern: string;
  seqStart: number;
};

export async function readIdPattern(db: Db, dealerLinkId: string): Promise<string> {
  const row = await db.importSettings.findUnique({ where: { dealerLinkId }, select: { siteIdPattern: true } });
  return row?.siteIdPattern ?? DEFAULT_ID_PATTERN;
}

export async function loadImportContext(db: Db, dealerLinkId: string): Promise<ImportContextData> {
  const [stations, sites, mappings, pattern] = await Promise.all([
    db.mirrorStation.findMany({
      where: { dealerLinkId, goneAt: null },
      select: { chektId: true, name: true },
      orderBy: { name: "asc" },
    }),
    db.mirrorSite.findMany({
      where: { dealerLinkId, goneAt: null },
      select: { chektId: true, externalId: true, name: true, stationId: true, accountNumber: true },
    }),
    db.externalIdMapping.findMany({ where: { dealerLinkId, kind: "site" }, select: { externalId: true } }),
    readIdPattern(db, dealerLinkId),
  ]);
  const ids = new Set<string>([...sites.map((s) => s.externalId), ...mappings.map((m) => m.externalId)]);
  const accounts: [string, string][] = [];
  for (const s of sites) {
    const key = stationAccountKey(s.stationId, s.accountNumber);
    if (key) accounts.push([key, siteRef(s.chektId, s.name)]);
  }
  return {
    stations: stations.map((s) => ({ id: s.chektId, name: s.name })),
    existingSiteIds: [...ids],
    accountsInUse: accounts,
    pattern,
    seqStart: nextSeq(pattern, ids),
  };
}

/** The serialisable data as validateSiteRows wants it. */
export function siteContext(data: ImportContextData, pattern: string | null = data.pattern): SiteContext {
  return {
    stations: data.stations,
    existingSiteIds: new Set(data.existingSiteIds),
    accountsInUse: new Map(data.accountsInUse),
    pattern,
    seqStart: pattern === data.pattern ? data.seqStart : nextSeq(pattern ?? "", data.existingSiteIds),
  };
}
