// Every kind the mirror holds is written by one statement builder (lib/mirror/batch.ts), whether the
// answer came from a read or from our own accepted write: a read flags a row whose copy CHeKT changed
// and leaves updated_at alone when nothing changed; our own write clears the flag and the gone mark and
// always moves updated_at. Driven through lib/mirror/write.ts's per-kind writers. Real Postgres.
import { beforeAll, describe, expect, it } from "vitest";
import type { Prisma } from "@/lib/generated/prisma/client";
import { dbFile } from "../support/db-file";

const world = dbFile("chekt_mirror_one_writer", { chektDealerId: 1, externalDealerId: "acme", companyName: "Acme" });
let w: typeof import("@/lib/mirror/write");

beforeAll(async () => {
  w = await import("@/lib/mirror/write");
});

const t = (minutes: number) => new Date(Date.UTC(2026, 4, 6, 7, minutes));
const created_at = "2026-01-02T03:04:05.000Z";
type Tx = Prisma.TransactionClient;
type Row = { changedAt: Date | null; goneAt: Date | null; updatedAt: Date; confirmedAt: Date };

/** One kind: how to write its answer `v` (two different copies), read its row back, mark it gone. */
type Kind = {
  name: string;
  write: (tx: Tx, v: 1 | 2, opts: { how: "read" | "write"; at: Date }) => Promise<void>;
  row: () => Promise<Row>;
  gone: (at: Date) => Promise<unknown>;
};

/** The part of a kind's Prisma table the test uses: its row by (link, CHeKT id), and the gone mark. */
type MirrorTable = {
  findUniqueOrThrow(args: { where: ReturnType<typeof where> }): PromiseLike<Row>;
  updateMany(args: ReturnType<typeof goneAt>): PromiseLike<unknown>;
};
const where = (chektId: number) => ({ dealerLinkId_chektId: { dealerLinkId: world.linkId, chektId } });
const goneAt = (at: Date, chektId: number) => ({
  where: { dealerLinkId: world.linkId, chektId },
  data: { goneAt: at },
});
/** Object `chektId`'s row in `table` (read when the test runs, once the file's world is up): read, mark gone. */
const rowIn = (table: () => MirrorTable, chektId: number) => ({
  row: async () => table().findUniqueOrThrow({ where: where(chektId) }),
  gone: async (at: Date) => table().updateMany(goneAt(at, chektId)),
});

// CHeKT's copy of each object, `v` telling the two copies apart.
const station = (v: 1 | 2) => ({
  monitoring_station_id: 301,
  external_monitoring_station_id: "st-301",
  name: `Central ${v}`,
  created_at,
});
const site = (v: 1 | 2): Parameters<typeof w.mirrorSite>[2] => ({
  site_id: 302,
  external_site_id: "ext-302",
  name: `Depot ${v}`,
  is_activated: 1,
  timezone: "UTC",
  created_at,
});
const contact = (v: 1 | 2) => ({
  contact_id: 303,
  site_id: 302,
  external_contact_id: "c-303",
  first_name: "Ada",
  last_name: `Lee ${v}`,
  created_at,
});
const device = (v: 1 | 2) => ({
  device_id: 304,
  site_id: 302,
  external_device_id: "d-304",
  name: `Gate cam ${v}`,
  device_type: "camera",
});

const KINDS: Kind[] = [
  {
    name: "station",
    write: (tx, v, opts) => w.mirrorStation(tx, world.linkId, station(v), opts),
    ...rowIn(() => world.prisma.mirrorStation, 301),
  },
  {
    name: "site",
    write: (tx, v, opts) => w.mirrorSite(tx, world.linkId, site(v), opts),
    ...rowIn(() => world.prisma.mirrorSite, 302),
  },
  {
    name: "contact",
    write: (tx, v, opts) => w.mirrorContact(tx, world.linkId, 302, contact(v), opts),
    ...rowIn(() => world.prisma.mirrorContact, 303),
  },
  {
    name: "device",
    write: (tx, v, opts) => w.mirrorDevice(tx, world.linkId, 302, device(v), opts),
    ...rowIn(() => world.prisma.mirrorDevice, 304),
  },
];

const write = (k: Kind, v: 1 | 2, how: "read" | "write", at: Date) =>
  world.prisma.$transaction((tx) => k.write(tx, v, { how, at }));

describe("mirror: one writer for reads and our own writes, every kind", () => {
  it.each(KINDS)(
    "$name: a read flags CHeKT's change, an unchanged read keeps updated_at, our write clears",
    async (k) => {
      await write(k, 1, "write", t(0));
      expect(await k.row()).toMatchObject({ changedAt: null, goneAt: null, updatedAt: t(0), confirmedAt: t(0) });

      // The same copy read again: confirmed, not changed, updated_at kept.
      await write(k, 1, "read", t(5));
      expect(await k.row()).toMatchObject({ changedAt: null, updatedAt: t(0), confirmedAt: t(5) });

      // CHeKT's copy changed behind our back: the read flags it.
      await write(k, 2, "read", t(10));
      expect(await k.row()).toMatchObject({ changedAt: t(10), updatedAt: t(10), confirmedAt: t(10) });

      // Gone, then our own write of the same copy: the row is ours again, and updated_at moves.
      await k.gone(t(12));
      await write(k, 2, "write", t(15));
      expect(await k.row()).toMatchObject({ changedAt: null, goneAt: null, updatedAt: t(15), confirmedAt: t(15) });
    },
  );

  it("arming: a read of the same setting keeps updated_at; our own write moves it", async () => {
    const arming = (tx: Tx, how: "read" | "write", at: Date) =>
      w.mirrorArming(tx, world.linkId, { site_id: 302, security_type: 2 }, { how, at });
    const row = () =>
      world.prisma.mirrorArming.findUniqueOrThrow({
        where: { dealerLinkId_siteId: { dealerLinkId: world.linkId, siteId: 302 } },
      });
    await world.prisma.$transaction((tx) => arming(tx, "write", t(0)));
    await world.prisma.$transaction((tx) => arming(tx, "read", t(5)));
    expect(await row()).toMatchObject({ securityType: 2, updatedAt: t(0), confirmedAt: t(5) });
    await world.prisma.$transaction((tx) => arming(tx, "write", t(10)));
    expect(await row()).toMatchObject({ securityType: 2, updatedAt: t(10), confirmedAt: t(10) });
  });
});
