// mirror_dealers.changed_at (lib/mirror/write.ts mirrorDealer): like the other mirrored kinds, a
// read that finds CHeKT's profile differs from our copy marks it "changed in CHeKT"; a read of the
// same profile keeps the mark as it was; our own accepted write clears it.
import { beforeAll, describe, expect, it } from "vitest";
import type { ResponseDealerDto } from "@/lib/schemas/contract";
import { dbFile } from "../support/db-file";

const world = dbFile("chekt_mirror_dealer_changed", { chektDealerId: 7, externalDealerId: "d-7", companyName: "Acme" });
let write: typeof import("@/lib/mirror/write");

const dto = (company_address1: string): ResponseDealerDto => ({
  dealer_id: 7,
  external_dealer_id: "d-7",
  company_name: "Acme",
  company_address1,
  created_at: "2026-01-01T00:00:00.000Z",
});
const changedAt = async () =>
  (await world.prisma.mirrorDealer.findUniqueOrThrow({ where: { dealerLinkId: world.linkId } })).changedAt;

beforeAll(async () => {
  write = await import("@/lib/mirror/write");
});

describe("mirror_dealers changed in CHeKT", () => {
  it("is unset on the first copy, set when a read differs, kept on an equal read, cleared by our write", async () => {
    const t1 = new Date("2026-12-01T10:00:00.000Z");
    const t2 = new Date("2026-12-01T11:00:00.000Z");
    await world.prisma.$transaction((tx) => write.mirrorDealer(tx, world.linkId, dto("1 Main St"), { at: t1 }));
    expect(await changedAt()).toBeNull();
    await world.prisma.$transaction((tx) => write.mirrorDealer(tx, world.linkId, dto("1 Main St"), { at: t2 }));
    expect(await changedAt()).toBeNull();

    await world.prisma.$transaction((tx) => write.mirrorDealer(tx, world.linkId, dto("9 Side St"), { at: t1 }));
    expect(await changedAt()).toEqual(t1);
    // The same (changed) profile read again: still the moment we first saw it differ.
    await world.prisma.$transaction((tx) => write.mirrorDealer(tx, world.linkId, dto("9 Side St"), { at: t2 }));
    expect(await changedAt()).toEqual(t1);

    await world.prisma.$transaction((tx) =>
      write.mirrorDealer(tx, world.linkId, dto("5 Our St"), { at: t2, how: "write" }),
    );
    expect(await changedAt()).toBeNull();
  });
});
