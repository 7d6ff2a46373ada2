import "server-only";
import { prisma } from "@/lib/db";
import { deskConfig } from "./config";

// Snapshot images live in Postgres (table snapshot_images), not on disk: every app instance serves
// the same copy without a shared volume, a backup holds them with the alarms they explain, and a
// tenancy-scoped key (dealer link, image key: snapshot-key.ts) keeps one dealer's images from another's. A
// snapshot is 20–200 KB and a busy desk sees a few hundred a day, far below what bytea handles
// well. The store is capped (SNAPSHOT_STORE_MAX_MB): after each insert the oldest images beyond
// the cap are deleted, so a long-running install never grows without bound.

/** The image kept under any of `keys` (they name the same image: snapshot-image.ts), or null. */
export async function storedImage(
  dealerLinkId: string,
  keys: string[],
): Promise<{ bytes: Uint8Array; contentType: string } | null> {
  const row = await prisma.snapshotImage.findFirst({
    where: { dealerLinkId, key: { in: keys } },
    select: { bytes: true, contentType: true },
  });
  return row ? { bytes: new Uint8Array(row.bytes), contentType: row.contentType } : null;
}

export async function keepImage(
  dealerLinkId: string,
  key: string,
  contentType: string,
  bytes: Uint8Array,
  capBytes = deskConfig().SNAPSHOT_STORE_MAX_MB * 1024 * 1024,
) {
  // Two instances fetching the same image at once: the first insert wins, the second is a no-op.
  await prisma.snapshotImage.createMany({
    data: [{ dealerLinkId, key, contentType, bytes: new Uint8Array(bytes), size: bytes.byteLength }],
    skipDuplicates: true,
  });
  await enforceCap(capBytes);
}

/** Deletes the oldest images beyond the cap (newest kept first). Returns how many went. */
export async function enforceCap(capBytes: number): Promise<number> {
  return prisma.$executeRaw`
    DELETE FROM snapshot_images s
     USING (SELECT dealer_link_id, key, SUM(size) OVER (ORDER BY fetched_at DESC, key DESC) AS running FROM
       snapshot_images) r
     WHERE s.dealer_link_id = r.dealer_link_id AND s.key = r.key AND r.running > ${capBytes}`;
}
