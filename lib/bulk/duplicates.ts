// A 409 "external ID already exists" from CHeKT names only a device number. The user needs to know
// which device and which site hold the ID, so the job's failed rows are explained from Postgres
// alone (no CHeKT call, however often the job page polls): the mirror of CHeKT's devices and
// sites first; for an ID the mirror has not seen yet, our external-ID mappings (device → its site)
// and the device name CHeKT returned to the job that created it. The same mirror tells the device
// actions and the paste review's lookup, before any job, which IDs the dealer's other sites hold.
import type { Prisma } from "@/lib/generated/prisma/client";
import { siteLabel } from "@/lib/site-label";
import type { JobItemView } from "./jobs";
import { inUseMessage, type IdHolder } from "./validate";

type Tx = Prisma.TransactionClient;
type Db = {
  mirrorDevice: Pick<Tx["mirrorDevice"], "findMany">;
  mirrorSite: Pick<Tx["mirrorSite"], "findMany">;
  externalIdMapping: Pick<Tx["externalIdMapping"], "findMany">;
  bulkItem: Pick<Tx["bulkItem"], "findMany">;
};
type MirrorDb = Pick<Db, "mirrorDevice" | "mirrorSite">;

type Holder = { deviceId: number; deviceName: string | null; siteId: number | null };

function nameOf(json: Prisma.JsonValue | null): string | null {
  if (json && typeof json === "object" && !Array.isArray(json) && typeof json.name === "string" && json.name.trim())
    return json.name;
  return null;
}

/** The mirror's live devices with these external IDs, but those on `exceptSiteId`. */
async function holdersFromMirror(
  db: MirrorDb,
  dealerLinkId: string,
  externalIds: string[],
  exceptSiteId?: number,
): Promise<Map<string, Holder>> {
  const rows = await db.mirrorDevice.findMany({
    where: {
      dealerLinkId,
      goneAt: null,
      externalId: { in: externalIds },
      ...(exceptSiteId === undefined ? {} : { siteId: { not: exceptSiteId } }),
    },
    select: { externalId: true, chektId: true, siteId: true, name: true },
  });
  return new Map(
    rows.map((r) => [r.externalId, { deviceId: r.chektId, deviceName: r.name || null, siteId: r.siteId }]),
  );
}

async function holdersFromMappings(db: Db, dealerLinkId: string, externalIds: string[]): Promise<Map<string, Holder>> {
  if (externalIds.length === 0) return new Map();
  const mappings = await db.externalIdMapping.findMany({
    where: { dealerLinkId, kind: "device", externalId: { in: externalIds } },
    select: { externalId: true, chektId: true, parentChektId: true },
  });
  const deviceIds = mappings.map((m) => Number(m.chektId)).filter(Number.isInteger);
  // The newest thing CHeKT told a job about each device (a later update may have renamed it).
  const known = deviceIds.length
    ? await db.bulkItem.findMany({
        where: { job: { dealerLinkId }, chektDeviceId: { in: deviceIds }, state: "succeeded" },
        orderBy: { updatedAt: "desc" },
        select: { chektDeviceId: true, result: true, payload: true },
      })
    : [];
  const names = new Map<number, string>();
  for (const k of known) {
    const name = nameOf(k.result) ?? nameOf(k.payload);
    if (k.chektDeviceId !== null && name && !names.has(k.chektDeviceId)) names.set(k.chektDeviceId, name);
  }
  return new Map(
    mappings.map((m) => {
      const site = Number(m.parentChektId);
      return [
        m.externalId,
        {
          deviceId: Number(m.chektId),
          deviceName: names.get(Number(m.chektId)) ?? null,
          siteId: Number.isInteger(site) && site > 0 ? site : null,
        },
      ];
    }),
  );
}

/** Holders as messages name them: the device by its name (else its CHeKT number), its site by siteLabel. */
async function named(db: MirrorDb, dealerLinkId: string, holders: Map<string, Holder>): Promise<Map<string, IdHolder>> {
  const siteIds = [...new Set([...holders.values()].map((h) => h.siteId).filter((n): n is number => n !== null))];
  const sites = siteIds.length
    ? await db.mirrorSite.findMany({
        where: { dealerLinkId, chektId: { in: siteIds } },
        select: { chektId: true, name: true },
      })
    : [];
  const siteName = new Map(sites.map((s) => [s.chektId, s.name]));
  return new Map(
    [...holders].map(([ext, h]) => [
      ext,
      {
        device: h.deviceName ?? `device ${h.deviceId}`,
        site: h.siteId === null ? "another site" : siteLabel(h.siteId, siteName.get(h.siteId)),
      },
    ]),
  );
}

/**
 * Which of `externalIds` a device on another of the dealer's sites than `siteId` holds, as the mirror
 * has it: the one rule of the actions' check before storing a job (the site's own devices are checked
 * against CHeKT) and of the paste review's lookup (lib/bulk/site-devices.ts heldAtOtherSites).
 */
export async function heldOnOtherSites(
  db: MirrorDb,
  dealerLinkId: string,
  siteId: number,
  externalIds: string[],
): Promise<Map<string, IdHolder>> {
  if (externalIds.length === 0) return new Map();
  return named(db, dealerLinkId, await holdersFromMirror(db, dealerLinkId, externalIds, siteId));
}

/**
 * Rewrites the message of every failed 409 row whose external ID the mirror or our mappings place
 * on a device of this dealer. An ID neither knows keeps CHeKT's own words.
 */
export async function explainDuplicates(db: Db, dealerLinkId: string, items: JobItemView[]): Promise<JobItemView[]> {
  const dupes = items.filter((i) => i.state === "failed" && i.statusCode === 409 && i.externalDeviceId);
  if (dupes.length === 0) return items;
  const ids = [...new Set(dupes.map((d) => d.externalDeviceId!))];
  const holders = await holdersFromMirror(db, dealerLinkId, ids);
  for (const [ext, h] of await holdersFromMappings(
    db,
    dealerLinkId,
    ids.filter((i) => !holders.has(i)),
  ))
    holders.set(ext, h);
  if (holders.size === 0) return items;
  const where = await named(db, dealerLinkId, holders);
  return items.map((i) => {
    const h =
      i.state === "failed" && i.statusCode === 409 && i.externalDeviceId ? where.get(i.externalDeviceId) : undefined;
    return h ? { ...i, errorMessage: inUseMessage(i.externalDeviceId!, h) } : i;
  });
}
