// lib/dealer.ts against a real Postgres: which dealer links count as connected, and how the
// dealer_link cookie picks one. Only the request cookies are stubbed.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/db";

const cookieMock = vi.hoisted(() => ({ value: undefined as string | undefined }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (name === "dealer_link" && cookieMock.value ? { name, value: cookieMock.value } : undefined) }),
}));

let db: TestDatabase;
let m: typeof import("@/lib/dealer");
let prisma: typeof import("@/lib/db").prisma;
const ids: Record<string, string> = {};

beforeAll(async () => {
  db = await createTestDatabase("chekt_app_dealer");
  process.env.DATABASE_URL = db.url;
  ({ prisma } = await import("@/lib/db"));
  m = await import("@/lib/dealer");
  const day = (n: number) => new Date(Date.UTC(2026, 10, n));
  const rows = [
    { key: "northwind", chektDealerId: 2, connectedAt: day(2), disconnectedAt: null },
    { key: "acme", chektDealerId: 1, connectedAt: day(1), disconnectedAt: null },
    { key: "gone", chektDealerId: 3, connectedAt: day(1), disconnectedAt: day(5) },
    { key: "back", chektDealerId: 4, connectedAt: day(9), disconnectedAt: day(5) },
    { key: "never", chektDealerId: 5, connectedAt: null, disconnectedAt: null },
  ];
  for (const r of rows) {
    const link = await prisma.dealerLink.create({
      data: { chektDealerId: r.chektDealerId, externalDealerId: `${r.key}-ext`, companyName: r.key, connectedAt: r.connectedAt, disconnectedAt: r.disconnectedAt },
    });
    ids[r.key] = link.id;
  }
});
afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});
beforeEach(() => {
  cookieMock.value = undefined;
});

describe("dealer scope", () => {
  it("lists connected dealers (reconnected ones too), lowest CHeKT id first", async () => {
    expect((await m.listConnectedDealers()).map((d) => d.companyName)).toEqual(["acme", "northwind", "back"]);
  });

  it("defaults to the first connected dealer", async () => {
    expect((await m.getCurrentDealer())?.companyName).toBe("acme");
  });

  it("follows the cookie to a connected dealer", async () => {
    cookieMock.value = ids.northwind;
    expect((await m.getCurrentDealer())?.companyName).toBe("northwind");
    expect((await m.requireCurrentDealer()).chektDealerId).toBe(2);
  });

  it("ignores a cookie naming a disconnected, never-connected or unknown dealer", async () => {
    for (const v of [ids.gone, ids.never, "nonsense"]) {
      cookieMock.value = v;
      expect((await m.getCurrentDealer())?.companyName).toBe("acme");
    }
  });

  it("with no dealer connected: null for pages, an ActionError for actions", async () => {
    await prisma.dealerLink.updateMany({ data: { connectedAt: null } });
    expect(await m.getCurrentDealer()).toBeNull();
    await expect(m.requireCurrentDealer()).rejects.toMatchObject({ code: "no_dealer", message: m.NO_DEALER_MESSAGE });
  });
});
