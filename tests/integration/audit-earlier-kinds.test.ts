// Audit rows written before every writer was held to lib/audit-kinds.ts carry kinds the list no longer has
// ("station", "dealer_link", "ctx.dealer"). Rows are append-only, so they keep them; the audit page reads
// them as the kind they are filed under now (lib/settings/audit-query.ts): the "Object kind" choices offer
// each kind once, choosing one finds its earlier rows too, and the rows and the CSV export show the current
// kind. Real Postgres (the append-only trigger included); rows inserted as the old code wrote them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/db";

let db: TestDatabase;
let prisma: typeof import("@/lib/db").prisma;
let q: typeof import("@/lib/settings/audit-query");

const row = (action: string, objectKind: string, chektId: string) => ({
  action,
  objectKind,
  chektId,
  outcome: "refused",
});

beforeAll(async () => {
  db = await createTestDatabase("chekt_audit_kinds");
  process.env.DATABASE_URL = db.url;
  ({ prisma } = await import("@/lib/db"));
  q = await import("@/lib/settings/audit-query");
  await prisma.auditLog.createMany({
    data: [
      row("stations.update", "monitoring_station", "11"),
      row("scope.not_found", "station", "12"),
      row("sites.update", "site", "21"),
      row("dealer.update", "dealer", "31"),
      row("scope.not_found", "dealer_link", "32"),
      row("checklist.update", "ctx.dealer", "33"),
    ],
  });
});

afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

const ids = (rows: { chektId: string | null }[]) => rows.map((r) => r.chektId).sort();

describe("audit rows of an earlier kind", () => {
  it("the kind choices offer each current kind once, none of the earlier spellings", async () => {
    expect((await q.auditFacets(null)).kinds).toEqual(["dealer", "monitoring_station", "site"]);
  });

  it.each([
    ["monitoring_station", ["11", "12"]],
    ["dealer", ["31", "32", "33"]],
    ["site", ["21"]],
  ])("filtering on %s finds its earlier rows, each shown under the current kind", async (kind, found) => {
    const { rows, total } = await q.auditPage({ kind, page: 1 }, null);
    expect(total).toBe(found.length);
    expect(ids(rows)).toEqual(found);
    expect(new Set(rows.map((r) => r.objectKind))).toEqual(new Set([kind]));
  });

  it("the export shows the current kind too", async () => {
    const exported = [];
    for await (const batch of q.auditBatches({ kind: "dealer", page: 1 }, null)) exported.push(...batch);
    expect(exported.map((r) => [r.chektId, r.objectKind]).sort()).toEqual([
      ["31", "dealer"],
      ["32", "dealer"],
      ["33", "dealer"],
    ]);
  });
});
