// The platform pieces other tests stand on: a fresh migrated database per file, the seed
// (idempotent, secrets sealed, nothing overwritten), and the simulator on a free port.
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runSeed } from "@/prisma/seed";
import { decryptSecret } from "@/lib/secrets";
import { verifyPassword } from "@/lib/auth/password";
import { DEMO } from "@/simulator/seed";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { startTestSimulator } from "../support/simulator";
import { requestClientToken } from "../support/oauth";

let db: TestDatabase;

/** The seed's first run on this test's database: the admin and the demo dealers, no test users. */
const seedOnce = () => runSeed({ databaseUrl: db.url, log: () => {} });

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

describe("seed", () => {
  // The seed's first run is a one-time event (the first admin, the dealer links): each test gets a
  // database of its own and seeds it as far as its story needs.
  beforeEach(async () => {
    db = await createTestDatabase("chekt_platform_it");
    delete process.env.SEED_ADMIN_PASSWORD;
    delete process.env.SEED_TEST_USERS;
  });
  afterEach(async () => {
    await db?.drop();
  });

  it("creates the first admin once, with a random password it prints exactly once", async () => {
    const logs: string[] = [];
    const first = await runSeed({ databaseUrl: db.url, log: (l) => logs.push(l) });
    expect(first.adminEmail).toBe("admin@example.com");
    expect(first.adminPassword).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(logs.filter((l) => l.includes(first.adminPassword!))).toHaveLength(1);

    const [admin] = await query<{ role: string; password_hash: string }>(
      "select role, password_hash from users where email = $1",
      ["admin@example.com"],
    );
    expect(admin!.role).toBe("admin");
    expect(admin!.password_hash).not.toContain(first.adminPassword!);
    expect(await verifyPassword(first.adminPassword!, admin!.password_hash)).toBe(true);

    const second = await runSeed({ databaseUrl: db.url, log: (l) => logs.push(l) });
    expect(second.adminPassword).toBeNull();
    expect(second.createdUsers).toEqual([]);
    expect(second.createdDealerLinks).toEqual([]);
    const [after] = await query<{ password_hash: string }>("select password_hash from users where email = $1", [
      "admin@example.com",
    ]);
    expect(after!.password_hash).toBe(admin!.password_hash);
  });

  it("links the connected demo dealers with dealer 1's secrets sealed under SECRETS_ENCRYPTION_KEY", async () => {
    await seedOnce();
    const links = await query<{
      chekt_dealer_id: number;
      external_dealer_id: string;
      connected_at: Date | null;
      webhook_secret_enc: string | null;
      api_key_enc: string | null;
    }>(
      `select chekt_dealer_id, external_dealer_id, connected_at, webhook_secret_enc, api_key_enc from dealer_links
        order by chekt_dealer_id`,
    );
    expect(links.map((l) => [l.chekt_dealer_id, l.external_dealer_id])).toEqual([
      [DEMO.dealers.acme.id, DEMO.dealers.acme.external],
      [DEMO.dealers.northwind.id, DEMO.dealers.northwind.external],
    ]);
    expect(links.every((l) => l.connected_at)).toBe(true);
    const key = process.env.SECRETS_ENCRYPTION_KEY!;
    expect(links[0]!.webhook_secret_enc).not.toContain(DEMO.app.signingSecret);
    expect(decryptSecret(links[0]!.webhook_secret_enc!, key)).toBe(DEMO.app.signingSecret);
    expect(decryptSecret(links[0]!.api_key_enc!, key)).toBe(DEMO.app.apiKey);
    expect(links[1]!.webhook_secret_enc).toBeNull();

    const mappings = await query<{ kind: string; chekt_id: string; external_id: string }>(
      "select kind, chekt_id, external_id from external_id_mappings order by chekt_id",
    );
    expect(mappings).toEqual([
      { kind: "dealer", chekt_id: "1", external_id: "acme-security" },
      { kind: "dealer", chekt_id: "2", external_id: "northwind-alarms" },
    ]);
    const audit = await query<{ action: string; trace_id: string | null }>("select action from audit_log order by id");
    // The seed marks the first admin as the organisation owner in its own audit row (prisma/seed.ts).
    expect(audit.map((a) => a.action).sort()).toEqual([
      "dealer.seed_link",
      "dealer.seed_link",
      "users.owner_seed",
      "users.seed",
    ]);
  });

  it("adds the test users when asked, and refuses without their passwords", async () => {
    await seedOnce();
    process.env.SEED_TEST_USERS = "1";
    delete process.env.SEED_OPERATOR_PASSWORD;
    await expect(runSeed({ databaseUrl: db.url, log: () => {} })).rejects.toThrow(/SEED_OPERATOR_PASSWORD is not set/);
    process.env.SEED_OPERATOR_PASSWORD = "operator-password-1";
    process.env.SEED_VIEWER_PASSWORD = "viewer-password-1";
    try {
      const result = await runSeed({ databaseUrl: db.url, log: () => {} });
      expect(result.createdUsers).toEqual(["operator@example.com", "viewer@example.com"]);
    } finally {
      delete process.env.SEED_TEST_USERS;
    }
    const users = await query<{ email: string; role: string }>("select email, role from users order by email");
    expect(users).toEqual([
      { email: "admin@example.com", role: "admin" },
      { email: "operator@example.com", role: "operator" },
      { email: "viewer@example.com", role: "viewer" },
    ]);
  });

  it("keeps a webhook secret rotated after seeding", async () => {
    await seedOnce();
    await query("update dealer_links set webhook_secret_enc = 'rotated' where chekt_dealer_id = 1");
    await runSeed({ databaseUrl: db.url, log: () => {} });
    const [link] = await query<{ webhook_secret_enc: string }>(
      "select webhook_secret_enc from dealer_links where chekt_dealer_id = 1",
    );
    expect(link!.webhook_secret_enc).toBe("rotated");
  });
});

describe("test simulator", () => {
  it("serves the demo world on a free port and issues a client-credentials token", async () => {
    const sim = await startTestSimulator();
    try {
      expect(sim.port).toBeGreaterThan(0);
      const res = await requestClientToken(sim.url);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { access_token?: string };
      expect(body.access_token).toBeTruthy();
    } finally {
      await sim.close();
    }
  });
});
