// The site write-through as one statement (lib/mirror/write.ts writeSite): the row an accepted
// write leaves must be the row the Prisma path (a read of the prior row, then an upsert) would
// have left — typed columns, search text, times in UTC, changed_at cleared, gone_at cleared — and
// a basic answer without has_physical_bridge keeps the one the mirror knew. Real Postgres.
import { beforeAll, describe, expect, it } from "vitest";
import type { ResponseSiteBasicDto } from "@/lib/schemas/contract";
import { dbFile } from "../support/db-file";

const world = dbFile("chekt_mirror_write_site", { chektDealerId: 1, externalDealerId: "acme", companyName: "Acme" });
let w: typeof import("@/lib/mirror/write");

const row = (chektId: number) =>
  world.prisma.mirrorSite.findUniqueOrThrow({
    where: { dealerLinkId_chektId: { dealerLinkId: world.linkId, chektId } },
  });

const basic = (over: Partial<ResponseSiteBasicDto> = {}): ResponseSiteBasicDto => ({
  site_id: 41,
  external_site_id: "ext-41",
  name: "North Gate",
  account_number: "AC-41",
  address1: "1 Main St",
  address2: null,
  timezone: "America/Chicago",
  monitoring_station_id: 7,
  is_activated: 1,
  created_at: "2026-03-04T05:06:07.089Z",
  ...over,
});

beforeAll(async () => {
  w = await import("@/lib/mirror/write");
});

describe("mirrorSite on our own write", () => {
  it("inserts a new row with every typed column, in UTC", async () => {
    const at = new Date("2026-05-06T07:08:09.123Z");
    await world.prisma.$transaction((tx) => w.mirrorSite(tx, world.linkId, basic(), { how: "write", at }));
    const r = await row(41);
    expect(r).toMatchObject({
      externalId: "ext-41",
      name: "North Gate",
      accountNumber: "AC-41",
      address1: "1 Main St",
      address2: null,
      timezone: "America/Chicago",
      stationId: 7,
      isActivated: true,
      searchText: "north gate ac-41 1 main st ext-41 41",
      confirmedAt: at,
      updatedAt: at,
      changedAt: null,
      goneAt: null,
    });
    expect(r.chektCreatedAt?.toISOString()).toBe("2026-03-04T05:06:07.089Z");
    expect(r.dto).toEqual(basic());
  });

  it("updates in place, keeps a known bridge a basic answer lacks, clears changed and gone", async () => {
    const own = { site_id: 43, external_site_id: "ext-43" };
    const read = { ...basic(own), has_physical_bridge: true };
    await world.prisma.$transaction((tx) => w.mirrorSite(tx, world.linkId, read, { how: "read" }));
    await world.prisma.mirrorSite.update({
      where: { dealerLinkId_chektId: { dealerLinkId: world.linkId, chektId: 43 } },
      data: { changedAt: new Date(), goneAt: new Date() },
    });
    const at = new Date("2026-05-06T08:00:00.000Z");
    const renamed = basic({
      ...own,
      name: "South Gate",
      is_activated: 0,
      monitoring_station_id: null,
      account_number: null,
    });
    await world.prisma.$transaction((tx) => w.mirrorSite(tx, world.linkId, renamed, { how: "write", at }));
    const r = await row(43);
    expect(r).toMatchObject({
      name: "South Gate",
      isActivated: false,
      stationId: null,
      accountNumber: null,
      confirmedAt: at,
      changedAt: null,
      goneAt: null,
    });
    expect(r.dto).toEqual({ ...JSON.parse(JSON.stringify(renamed)), has_physical_bridge: true });
  });

  it("takes the bridge from the answer when the answer has one", async () => {
    const own = basic({ site_id: 44, external_site_id: "ext-44" });
    // Known as bridged first, so the answer's false is what changes it.
    await world.prisma.$transaction((tx) =>
      w.mirrorSite(tx, world.linkId, { ...own, has_physical_bridge: true }, { how: "read" }),
    );
    await world.prisma.$transaction((tx) =>
      w.mirrorSite(tx, world.linkId, { ...own, has_physical_bridge: false }, { how: "write" }),
    );
    expect((await row(44)).dto).toMatchObject({ has_physical_bridge: false, name: "North Gate" });
  });

  it("rolls back with its transaction", async () => {
    await expect(
      world.prisma.$transaction(async (tx) => {
        await w.mirrorSite(tx, world.linkId, basic({ site_id: 42, external_site_id: "ext-42" }), { how: "write" });
        throw new Error("refused after the write");
      }),
    ).rejects.toThrow("refused after the write");
    expect(await world.prisma.mirrorSite.count({ where: { dealerLinkId: world.linkId, chektId: 42 } })).toBe(0);
  });
});

describe("a commit of statements (lib/actions/commit.ts)", () => {
  const user = { id: "u-1", email: "op@example.com" };
  const commitFor = async (traceId: string) => {
    const { makeCommit } = await import("@/lib/actions/commit");
    let committed = 0;
    const commit = makeCommit({
      action: "sites.update",
      objectKind: "site",
      dealerLinkId: world.linkId,
      traceId,
      user,
      onCommitted: () => void (committed += 1),
    });
    return { commit, committed: () => committed };
  };

  it("writes the mapping, the mirror row and the audit row in one statement", async () => {
    const { mappingUpsertSql, sitesWriteSql } = await import("@/lib/actions/statements");
    const { commit, committed } = await commitFor("t-ok");
    const site = basic({ site_id: 50, external_site_id: "ext-50", name: "Depot" });
    const mapping = { dealerLinkId: world.linkId, kind: "site" as const, chektId: 50, externalId: "ext-50" };
    await commit({ chektId: 50, externalId: "ext-50", after: site }, [
      mappingUpsertSql(mapping),
      sitesWriteSql(world.linkId, [site]),
    ]);
    // Again with a new external ID: the same mapping row changes (no second row).
    await commit({ chektId: 50 }, [mappingUpsertSql({ ...mapping, externalId: "ext-50b" })]);
    expect(committed()).toBe(2);
    expect((await row(50)).name).toBe("Depot");
    const maps = await world.prisma.externalIdMapping.findMany({
      where: { dealerLinkId: world.linkId, chektId: "50" },
    });
    expect(maps.map((m) => [m.kind, m.externalId, m.parentChektId])).toEqual([["site", "ext-50b", null]]);
    const audit = await world.prisma.auditLog.findMany({ where: { traceId: "t-ok" }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.objectKind, a.chektId, a.outcome, a.userEmail, a.dealerLinkId])).toEqual([
      ["sites.update", "site", "50", "success", "op@example.com", world.linkId],
      ["sites.update", "site", "50", "success", "op@example.com", world.linkId],
    ]);
    expect(audit[0]!.after).toMatchObject({ name: "Depot" });
  });

  it("writes nothing, audit row included, when one part fails", async () => {
    const { mappingUpsertSql, sitesWriteSql } = await import("@/lib/actions/statements");
    const { commit, committed } = await commitFor("t-fail");
    await world.prisma.externalIdMapping.create({
      data: { dealerLinkId: world.linkId, kind: "site", chektId: "60", externalId: "taken" },
    });
    const site = basic({ site_id: 61, external_site_id: "taken", name: "Clash" });
    await expect(
      commit({ chektId: 61 }, [
        sitesWriteSql(world.linkId, [site]),
        // Another site already maps "taken": the (dealer, kind, external ID) key refuses it.
        mappingUpsertSql({ dealerLinkId: world.linkId, kind: "site", chektId: 61, externalId: "taken" }),
      ]),
    ).rejects.toThrow();
    expect(committed()).toBe(0);
    expect(await world.prisma.mirrorSite.count({ where: { dealerLinkId: world.linkId, chektId: 61 } })).toBe(0);
    expect(await world.prisma.auditLog.count({ where: { traceId: "t-fail" } })).toBe(0);
  });
});
