// Shared by the webhooks integration tests: a fresh Postgres database with every migration,
// the environment lib/env validates, a seeded dealer link, and signed deliveries.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { signPayload } from "@/lib/webhooks/verify";

export const TEST_SECRET = "whsec_integration_secret_for_hooks";
export const ENC_KEY = Buffer.alloc(32, 7).toString("base64");

export type TestDb = TestDatabase;

/** A database of our own (prefix chekt_hooks_it), migrated; drop() in afterAll. */
export function createTestDb(prefix = "chekt_hooks_it"): Promise<TestDb> {
  return createTestDatabase(prefix);
}

/** The variables lib/env insists on; call before importing anything that loads lib/db. */
export function setTestEnv(databaseUrl: string, extra: Record<string, string> = {}) {
  Object.assign(process.env, {
    NODE_ENV: "test",
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: "10",
    AUTH_SECRET: "integration-test-auth-secret-0123456789abcdef",
    SECRETS_ENCRYPTION_KEY: ENC_KEY,
    CHEKT_API_BASE_URL: process.env.CHEKT_API_BASE_URL || "http://127.0.0.1:4799",
    CHEKT_CLIENT_ID: "demo-partner",
    CHEKT_CLIENT_SECRET: "demo-partner-secret",
    CHEKT_WEBHOOK_SECRET: "whsec_env_fallback_secret",
    ...extra,
  });
}

export type HookDb = { db: TestDb; sql: pg.Client };

/** A database of its own (`prefix`), lib/env's variables (plus `env`) pointing at it, and a SQL client on it. */
export async function startHookDb(prefix?: string, env: Record<string, string> = {}): Promise<HookDb> {
  const db = await createTestDb(prefix);
  setTestEnv(db.url, env);
  const sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
  return { db, sql };
}

/** The afterAll of these files: the receiver's pool, the SQL client, Prisma, then the database. */
export async function closeHookDb(w: Partial<HookDb> | undefined) {
  await (await import("@/lib/webhooks/pool")).closeWebhookPool();
  await w?.sql?.end();
  await (await import("@/lib/db")).prisma.$disconnect();
  await w?.db?.drop();
}

/** A connected dealer link whose signing secret is sealed in its row. */
export async function seedDealerLink(
  databaseUrl: string,
  opts: { key: string; chektDealerId: number; secret?: string | null },
) {
  const { encryptSecret } = await import("@/lib/secrets");
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  const id = `dl_${randomUUID()}`;
  await c.query(
    `INSERT INTO dealer_links (id, chekt_dealer_id, external_dealer_id, company_name, connected_at, webhook_secret_enc,
                              created_at, updated_at)
     VALUES ($1, $2, $3, $4, now(), $5, now(), now())`,
    [
      id,
      opts.chektDealerId,
      opts.key,
      `Dealer ${opts.key}`,
      opts.secret === null ? null : encryptSecret(opts.secret ?? TEST_SECRET, ENC_KEY),
    ],
  );
  await c.end();
  return id;
}

export function envelope(id: string, type: string, data: Record<string, unknown>, createdAt = new Date()) {
  return { id, type, created_at: createdAt.toISOString(), data };
}

/** A delivery exactly as CHeKT sends it: raw bytes, signature over them, our extra headers. */
export function signedRequest(
  url: string,
  body: unknown,
  opts: { secret?: string; nowS?: number; attempt?: number; raw?: string } = {},
) {
  const raw = opts.raw ?? JSON.stringify(body);
  const sig = signPayload(opts.secret ?? TEST_SECRET, raw, opts.nowS);
  const evtId = (body as { id?: string } | null)?.id ?? "";
  return new Request(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...sig,
      "x-chekt-event-id": evtId,
      "x-chekt-delivery-id": `dlv_${randomUUID()}`,
      "x-chekt-attempt": String(opts.attempt ?? 1),
    },
    body: raw,
  });
}

export function shuffle<T>(items: T[], seed = 42): T[] {
  // Deterministic (mulberry32) so a failing order can be replayed.
  let a = seed >>> 0;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export async function withLimit<T>(items: T[], limit: number, fn: (item: T, index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i], i);
      }
    }),
  );
}
