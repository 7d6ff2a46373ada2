/**
 * The site import's batched records (lib/jobs/import-recorder.ts) on a real database: records made
 * in one turn go to Postgres as one statement, with every part (row progress, mirror, mapping,
 * audit row with its trace id); a record the database refuses fails alone, its batch neighbours land.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { ImportRecorder, type StepRecord } from "@/lib/jobs/import-recorder";
import type { ResponseSiteBasicDto } from "@/lib/schemas/contract";
import { createTestDatabase, type TestDatabase } from "../support/db";

let dbInfo: TestDatabase;
let db: PrismaClient;
let dealerLinkId: string;
let statements = 0;
/** The database with its raw statements counted (the recorder writes only through $executeRaw). */
let counted: PrismaClient;

beforeAll(async () => {
  dbInfo = await createTestDatabase("chekt_import_rec");
  db = new PrismaClient({ adapter: new PrismaPg({ connectionString: dbInfo.url, max: 3 }) });
  const link = await db.dealerLink.create({
    data: { chektDealerId: 1, externalDealerId: "acme-security", companyName: "Acme", connectedAt: new Date() },
  });
  dealerLinkId = link.id;
  counted = new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === "$executeRaw")
        return (...args: Parameters<PrismaClient["$executeRaw"]>) => (statements++, target.$executeRaw(...args));
      return Reflect.get(target, prop, receiver);
    },
  });
}, 60_000);
afterAll(async () => {
  await db?.$disconnect();
  await dbInfo?.drop();
});

function siteRecord(siteId: number, externalId: string, itemId = `item-${siteId}`): StepRecord {
  const dto: ResponseSiteBasicDto = {
    site_id: siteId,
    external_site_id: externalId,
    name: `Site ${siteId}`,
    timezone: "UTC",
    is_activated: 0,
    created_at: "2030-01-01T00:00:00.000Z",
  };
  return {
    itemId,
    progress: { siteId, contactIds: [] },
    chektDeviceId: siteId,
    write: { kind: "site", dto },
    mapping: { kind: "site", chektId: siteId, externalId },
    audit: {
      action: "sites.import.site",
      objectKind: "site",
      chektId: String(siteId),
      externalId,
      traceId: `trace-${siteId}-0123456789`,
      after: { dto },
    },
  };
}

describe("import recorder", () => {
  it("writes records made together as one statement, every part of each", async () => {
    const recorder = new ImportRecorder(counted, { dealerLinkId, user: { id: "u1", email: "op@test.example" } });
    statements = 0;
    await Promise.all([101, 102, 103].map((id) => recorder.record(siteRecord(id, `REC-${id}`))));
    expect(statements).toBe(1);
    const sites = await db.mirrorSite.findMany({ where: { dealerLinkId, chektId: { in: [101, 102, 103] } } });
    expect(sites.map((s) => [s.chektId, s.externalId, s.changedAt]).sort()).toEqual([
      [101, "REC-101", null],
      [102, "REC-102", null],
      [103, "REC-103", null],
    ]);
    // Only this test's rows: the other test of the file records sites too, before or after this one.
    const maps = await db.externalIdMapping.findMany({
      where: { dealerLinkId, externalId: { in: ["REC-101", "REC-102", "REC-103"] } },
    });
    expect(maps.length).toBe(3);
    const audit = await db.auditLog.findMany({
      where: { dealerLinkId, action: "sites.import.site", chektId: { in: ["101", "102", "103"] } },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => [a.chektId, a.traceId, a.userEmail, a.outcome])).toEqual([
      ["101", "trace-101-0123456789", "op@test.example", "success"],
      ["102", "trace-102-0123456789", "op@test.example", "success"],
      ["103", "trace-103-0123456789", "op@test.example", "success"],
    ]);
  });

  it("a record the database refuses fails alone; the rest of its batch lands", async () => {
    // Another site already holds this external ID in the mappings: the second record's mapping is refused.
    await db.externalIdMapping.create({ data: { dealerLinkId, kind: "site", chektId: "999", externalId: "REC-HELD" } });
    const recorder = new ImportRecorder(counted, { dealerLinkId, user: null });
    statements = 0;
    const results = await Promise.allSettled([
      recorder.record(siteRecord(201, "REC-201")),
      recorder.record(siteRecord(202, "REC-HELD")),
      recorder.record(siteRecord(203, "REC-203")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    // The batch's one statement, refused whole, then each record on its own.
    expect(statements).toBe(4);
    const sites = await db.mirrorSite.findMany({ where: { dealerLinkId, chektId: { in: [201, 202, 203] } } });
    expect(sites.map((s) => s.chektId).sort()).toEqual([201, 203]);
    const audit = await db.auditLog.findMany({ where: { dealerLinkId, chektId: { in: ["201", "202", "203"] } } });
    expect(audit.map((a) => a.chektId).sort()).toEqual(["201", "203"]);
  });
});
