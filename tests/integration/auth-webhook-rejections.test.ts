// Posts to made-up webhook keys against a real Postgres: counted per key and day (not one row
// each, body never read), distinct keys per day capped, and the dealer-secret cache bounded.
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { LruMap } from "@/lib/lru";
import { createTestDb, seedDealerLink, setTestEnv, type TestDb } from "./webhooks-helpers";

let db: TestDb;
let sql: pg.Client;
type M = {
  receiveWebhook: typeof import("@/lib/webhooks/receive").receiveWebhook;
  countUnknownDealerKey: typeof import("@/lib/webhooks/rejections").countUnknownDealerKey;
  rejections: typeof import("@/lib/webhooks/rejections");
  secrets: typeof import("@/lib/webhooks/dealer-secrets");
  prisma: typeof import("@/lib/db").prisma;
};
let m: M;

beforeAll(async () => {
  db = await createTestDb("chekt_auth_hooks");
  setTestEnv(db.url);
  await seedDealerLink(db.url, { key: "known-dealer", chektDealerId: 501 });
  const [receive, rejections, secrets, { prisma }] = await Promise.all([
    import("@/lib/webhooks/receive"),
    import("@/lib/webhooks/rejections"),
    import("@/lib/webhooks/dealer-secrets"),
    import("@/lib/db"),
  ]);
  m = {
    receiveWebhook: receive.receiveWebhook,
    countUnknownDealerKey: rejections.countUnknownDealerKey,
    rejections,
    secrets,
    prisma,
  };
  sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
}, 120_000);

afterAll(async () => {
  await sql?.end();
  await m?.prisma.$disconnect();
  await db?.drop();
});

const count = async (q: string) => Number((await sql.query(q)).rows[0].n);

describe("unknown webhook keys", () => {
  // Each test counts rejections from nothing: its assertions cover the whole table, not just its keys.
  beforeEach(async () => {
    await sql.query(`DELETE FROM webhook_rejections`);
  });

  it("200 posts to one made-up key: one counter row, no delivery rows, the body never read", async () => {
    let pulled = 0;
    for (let i = 0; i < 200; i++) {
      const body = new ReadableStream<Uint8Array>({
        pull(c) {
          pulled++;
          c.enqueue(new Uint8Array(1024));
        },
      });
      const req = new Request("http://t/api/webhooks/chekt/made-up", {
        method: "POST",
        body,
        duplex: "half",
      } as RequestInit);
      const res = await m.receiveWebhook(req, "made-up");
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: { code: "webhook_signature_invalid", message: "Signature rejected" } });
    }
    // A ReadableStream pulls once ahead when created; nothing past that was read.
    expect(pulled).toBeLessThanOrEqual(200);
    expect((await sql.query(`SELECT dealer_key, count FROM webhook_rejections`)).rows).toEqual([
      { dealer_key: "made-up", count: 200 },
    ]);
    expect(await count(`SELECT count(*) AS n FROM webhook_deliveries`)).toBe(0);
  });

  it("parallel posts to one new key are all counted (no lost update, one row)", async () => {
    await Promise.all(Array.from({ length: 25 }, () => m.countUnknownDealerKey(m.prisma, "parallel-key")));
    expect((await sql.query(`SELECT count FROM webhook_rejections WHERE dealer_key = 'parallel-key'`)).rows).toEqual([
      { count: 25 },
    ]);
  });

  it("past the distinct-key cap a day, new keys count under one overflow row; a new day starts over", async () => {
    const day = new Date("2026-03-01T10:00:00Z");
    await sql.query(
      `INSERT INTO webhook_rejections (dealer_key, day, count, last_at) SELECT 'k' || g, '2026-03-01', 1, now()
        FROM generate_series(1, $1) g`,
      [m.rejections.DISTINCT_KEYS_PER_DAY],
    );
    for (let i = 0; i < 30; i++) await m.countUnknownDealerKey(m.prisma, `flood-${i}`, day);
    await m.countUnknownDealerKey(m.prisma, "k7", day);
    expect(await count(`SELECT count(*) AS n FROM webhook_rejections WHERE day = '2026-03-01'`)).toBe(
      m.rejections.DISTINCT_KEYS_PER_DAY + 1,
    );
    expect(
      (await sql.query(`SELECT count FROM webhook_rejections WHERE dealer_key = $1`, [m.rejections.OVERFLOW_KEY])).rows,
    ).toEqual([{ count: 30 }]);
    expect((await sql.query(`SELECT count FROM webhook_rejections WHERE dealer_key = 'k7'`)).rows).toEqual([
      { count: 2 },
    ]);
    await m.countUnknownDealerKey(m.prisma, "flood-0", new Date("2026-03-02T00:00:01Z"));
    expect(
      (await sql.query(`SELECT count FROM webhook_rejections WHERE dealer_key = 'flood-0' AND day = '2026-03-02'`))
        .rows,
    ).toEqual([{ count: 1 }]);
  });

  it("a key with NUL or 10 kB of text is stored cut and clean, not a 500", async () => {
    const res = await m.receiveWebhook(
      new Request("http://t/x", { method: "POST", body: "{}" }),
      `bad\u0000${"x".repeat(10_000)}`,
    );
    expect(res.status).toBe(401);
    const rows = (await sql.query(`SELECT dealer_key FROM webhook_rejections WHERE dealer_key LIKE 'bad%'`)).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0].dealer_key).toHaveLength(200);
  });
});

describe("bounded caches", () => {
  it("the dealer-secret cache holds known dealers only: 2,000 made-up keys add nothing", async () => {
    m.secrets.forgetDealerSecrets();
    for (let i = 0; i < 2_000; i++) expect(await m.secrets.secretsByDealerKey(`nobody-${i}`)).toBeNull();
    expect(m.secrets.dealerSecretsCacheSize()).toBe(0);
    expect(await m.secrets.secretsByDealerKey("known-dealer")).toMatchObject({ externalDealerId: "known-dealer" });
    expect(m.secrets.dealerSecretsCacheSize()).toBe(1);
  });

  it("LruMap drops the least recently used entry past its cap", () => {
    const lru = new LruMap<string, number>(3);
    lru.set("a", 1).set("b", 2).set("c", 3);
    expect(lru.get("a")).toBe(1); // a is now the most recent
    lru.set("d", 4);
    expect(lru.get("b")).toBeUndefined();
    expect([lru.get("a"), lru.get("c"), lru.get("d")]).toEqual([1, 3, 4]);
    for (let i = 0; i < 10_000; i++) lru.set(`k${i}`, i);
    expect(lru.size).toBe(3);
    expect(() => new LruMap(0)).toThrow(/positive integer/);
  });
});
