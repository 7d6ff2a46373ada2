// The Settings budget panel's route (app/api/chekt/budget) is per dealer: a dealer admin sees the
// partner's budget (one partner credential serves every dealer) and their own dealer's CHeKT App
// key, never another dealer's; the organisation owner sees every key. Real Postgres, the route
// handler itself, the session stood in.
import "../support/console-mocks";
import "../support/auth-mocks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { addMembers } from "../support/members";
import { cookieJar } from "../support/next-headers";
import { session } from "../support/session";

const ADA = { id: "u_ada", email: "ada@a.example", name: "Ada", role: "admin" as const };
const OWEN = { id: "u_owen", email: "owen@example.com", name: "Owen", role: "admin" as const, owner: true };
const KEY_A = "chekt_test_panel_key_of_dealer_a_000000000001";
const KEY_B = "chekt_test_panel_key_of_dealer_b_000000000002";

let db: TestDatabase;
let linkA = "";

type Panel = { credentials: Array<{ credential: string; label: string }> };

async function panelAs(user: typeof ADA | typeof OWEN): Promise<Panel> {
  session.user = { id: user.id, email: user.email, name: user.name, role: user.role };
  cookieJar.set("dealer_link", linkA);
  const { GET } = await import("@/app/api/chekt/budget/route");
  const res = await GET();
  expect(res.status).toBe(200);
  return (await res.json()) as Panel;
}

beforeAll(async () => {
  db = await createTestDatabase("chekt_budget_panel");
  process.env.DATABASE_URL = db.url;
  const { prisma } = await import("@/lib/db");
  const { seal } = await import("@/lib/settings/credentials");
  const { credentialKey } = await import("@/lib/chekt/budget");
  linkA = (
    await prisma.dealerLink.create({
      data: {
        chektDealerId: 1,
        externalDealerId: "acme-security",
        companyName: "Acme",
        connectedAt: new Date(),
        apiKeyEnc: seal(KEY_A),
      },
    })
  ).id;
  const linkB = (
    await prisma.dealerLink.create({
      data: {
        chektDealerId: 2,
        externalDealerId: "northwind-alarms",
        companyName: "Northwind",
        connectedAt: new Date(),
        apiKeyEnc: seal(KEY_B),
      },
    })
  ).id;
  await addMembers(prisma, linkA, [ADA, OWEN]);
  await addMembers(prisma, linkB, [OWEN]);
  // Both keys have spent budget, so both have a row the panel could list.
  for (const apiKey of [KEY_B, KEY_A]) {
    const credential = credentialKey({ type: "api_key", apiKey });
    await prisma.chektBudget.upsert({
      where: { credential },
      create: { credential, perMin: 60, burst: 5, tokens: 5, atMs: Date.now(), waitingUntilMs: [] },
      update: {},
    });
  }
});

afterAll(async () => {
  await (await import("@/lib/db")).prisma.$disconnect().catch(() => undefined);
  await db?.drop();
});

describe("budget panel per dealer", () => {
  it("a dealer admin sees the partner's budget and their own dealer's key, not another dealer's", async () => {
    const { credentialKey } = await import("@/lib/chekt/budget");
    const panel = await panelAs(ADA);
    const creds = panel.credentials.map((c) => c.credential);
    expect(creds).toContain(credentialKey({ type: "api_key", apiKey: KEY_A }));
    expect(creds).not.toContain(credentialKey({ type: "api_key", apiKey: KEY_B }));
    expect(panel.credentials[0]!.label).toMatch(/^Partner client /);
    expect(JSON.stringify(panel)).not.toContain(KEY_A);
  });

  it("the organisation owner sees every key", async () => {
    const { credentialKey } = await import("@/lib/chekt/budget");
    const creds = (await panelAs(OWEN)).credentials.map((c) => c.credential);
    expect(creds).toEqual(
      expect.arrayContaining([
        credentialKey({ type: "api_key", apiKey: KEY_A }),
        credentialKey({ type: "api_key", apiKey: KEY_B }),
      ]),
    );
  });
});
