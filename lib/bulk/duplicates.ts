// A 409 "external ID already exists" from CHeKT names only a device number. The user needs to know
// which device and which site hold the ID, so the job's failed rows are explained from what we
// already keep: the external-ID mappings (device → its site) and the device names CHeKT returned
// to earlier jobs. Site names come from a lookup the caller supplies (one read per distinct site,
// never one per row).
import type { Prisma } from "@/lib/generated/prisma/client";
import type { JobItemView } from "./jobs";

type Db = {
  externalIdMapping: Pick<Prisma.TransactionClient["externalIdMapping"], "findMany">;
  bulkItem: Pick<Prisma.TransactionClient["bulkItem"], "findMany">;
};

/** Site id → its name; a site it cannot name is left out of the answer. */
export type SiteNameLookup = (siteIds: number[]) => Promise<Map<number, string>>;

export function duplicateMessage(externalId: string, deviceName: string | null, deviceId: string, siteName: string | null, siteId: string | null): string {
  const device = deviceName ? deviceName : `device ${deviceId}`;
  const site = siteName ? siteName : siteId ? `site ${siteId}` : "another site";
  return `External ID "${externalId}" is already used by ${device} at ${site}. Choose another ID.`;
}

function nameOf(json: Prisma.JsonValue | null): string | null {
  if (json && typeof json === "object" && !Array.isArray(json) && typeof json.name === "string" && json.name.trim()) return json.name;
  return null;
}

/**
 * Rewrites the message of every failed 409 row whose external ID we have mapped to a device of this
 * dealer. Rows whose ID we never mapped (made outside this console) keep CHeKT's own words.
 */
export async function explainDuplicates(db: Db, dealerLinkId: string, items: JobItemView[], siteNames: SiteNameLookup): Promise<JobItemView[]> {
  const dupes = items.filter((i) => i.state === "failed" && i.statusCode === 409 && i.externalDeviceId);
  if (dupes.length === 0) return items;
  const mappings = await db.externalIdMapping.findMany({
    where: { dealerLinkId, kind: "device", externalId: { in: [...new Set(dupes.map((d) => d.externalDeviceId!))] } },
    select: { externalId: true, chektId: true, parentChektId: true },
  });
  if (mappings.length === 0) return items;
  const byExt = new Map(mappings.map((m) => [m.externalId, m]));
  const deviceIds = mappings.map((m) => Number(m.chektId)).filter(Number.isInteger);
  // The newest thing CHeKT told us about each device (a later update may have renamed it).
  const known = await db.bulkItem.findMany({
    where: { job: { dealerLinkId }, chektDeviceId: { in: deviceIds }, state: "succeeded" },
    orderBy: { updatedAt: "desc" },
    select: { chektDeviceId: true, result: true, payload: true },
  });
  const deviceName = new Map<number, string>();
  for (const k of known) {
    const name = nameOf(k.result) ?? nameOf(k.payload);
    if (k.chektDeviceId !== null && name && !deviceName.has(k.chektDeviceId)) deviceName.set(k.chektDeviceId, name);
  }
  const siteIds = [...new Set(mappings.map((m) => Number(m.parentChektId)).filter((n) => Number.isInteger(n) && n > 0))];
  const sites = siteIds.length ? await siteNames(siteIds).catch(() => new Map<number, string>()) : new Map<number, string>();
  return items.map((i) => {
    const m = i.state === "failed" && i.statusCode === 409 && i.externalDeviceId ? byExt.get(i.externalDeviceId) : undefined;
    if (!m) return i;
    const siteName = m.parentChektId ? sites.get(Number(m.parentChektId)) ?? null : null;
    return { ...i, errorMessage: duplicateMessage(i.externalDeviceId!, deviceName.get(Number(m.chektId)) ?? null, m.chektId, siteName, m.parentChektId) };
  });
}
