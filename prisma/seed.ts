// Seeds what the console needs before anyone can sign in. Safe to run any number of times:
// it only adds what is missing and never changes a password or a secret that already exists.
//   - the first admin (SEED_ADMIN_EMAIL, default admin@example.com; password SEED_ADMIN_PASSWORD
//     or a random one, printed once, when the account is created)
//   - with SEED_TEST_USERS=1: an operator and a viewer for the end-to-end tests (passwords from
//     SEED_OPERATOR_PASSWORD / SEED_VIEWER_PASSWORD)
//   - dealer links for the simulator's connected demo dealers, dealer 1 with its CHeKT App's
//     webhook signing secret and API key sealed with SECRETS_ENCRYPTION_KEY, and their mappings
//   - the desk's default outcome codes for each demo dealer that has none yet (docs/desk.md)
//   - memberships: each seeded user is a member of every demo dealer with their role, and the first
//     admin is the organisation owner (only when no owner exists yet; memberships are never changed)
//
// Runs under plain Node (`npm run db:seed`): it must not import anything marked `server-only`
// (lib/db, lib/env, lib/auth/index), so it builds its own Prisma client and reads process.env.
import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { hashPassword } from "../lib/auth/password";
import { encryptSecret } from "../lib/secrets";
import { DEMO } from "../simulator/seed";
import { DEFAULT_OUTCOMES } from "../lib/verifications/outcomes-defaults";

type Role = "admin" | "operator" | "viewer";
export type SeedOptions = { databaseUrl: string; log?: (line: string) => void };
export type SeedResult = {
  adminEmail: string;
  adminPassword: string | null;
  createdUsers: string[];
  createdDealerLinks: number[];
};

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (see .env.example)`);
  return value;
}

async function ensureUser(prisma: PrismaClient, email: string, role: Role, password: string, name: string) {
  const existing = await prisma.user.findUnique({ where: { email } });
  if (existing) return false;
  await prisma.$transaction(async (tx) => {
    const user = await tx.user.create({ data: { email, role, name, passwordHash: await hashPassword(password) } });
    await tx.auditLog.create({
      data: {
        action: "users.seed",
        objectKind: "user",
        externalId: user.id,
        after: { email, role },
        outcome: "success",
      },
    });
  });
  return true;
}

/**
 * Seeded users become members of every demo dealer with their own role (existing memberships are
 * left as they are: a role changed in the console survives a re-seed), and the first admin becomes
 * the organisation owner unless there is one already.
 */
async function ensureMemberships(prisma: PrismaClient, emails: string[], ownerEmail: string) {
  const users = await prisma.user.findMany({
    where: { email: { in: emails } },
    select: { id: true, email: true, role: true },
  });
  const links = await prisma.dealerLink.findMany({
    where: { chektDealerId: { in: demoDealers().map((d) => d.id) } },
    select: { id: true },
  });
  await prisma.membership.createMany({
    data: users.flatMap((u) => links.map((l) => ({ userId: u.id, dealerLinkId: l.id, role: u.role }))),
    skipDuplicates: true,
  });
  if ((await prisma.user.count({ where: { isOwner: true } })) === 0) {
    const owner = users.find((u) => u.email === ownerEmail);
    if (owner) {
      await prisma.$transaction(async (tx) => {
        await tx.user.update({ where: { id: owner.id }, data: { isOwner: true } });
        await tx.auditLog.create({
          data: {
            action: "users.owner_seed",
            objectKind: "user",
            externalId: owner.id,
            after: { email: owner.email, role: owner.role, isOwner: true },
            outcome: "success",
          },
        });
      });
    }
  }
}

/** The connected demo dealers of the simulator (simulator/seed.ts is the source of truth). */
function demoDealers() {
  return Object.values(DEMO.dealers).filter((d) => d.connected);
}

async function ensureDealerLinks(prisma: PrismaClient, encryptionKey: string): Promise<number[]> {
  const created: number[] = [];
  for (const dealer of demoDealers()) {
    const isAppDealer = dealer.id === DEMO.app.dealerId;
    const existing = await prisma.dealerLink.findUnique({ where: { chektDealerId: dealer.id } });
    await prisma.$transaction(async (tx) => {
      const link =
        existing ??
        (await tx.dealerLink.create({
          data: {
            chektDealerId: dealer.id,
            externalDealerId: dealer.external,
            companyName: dealer.name,
            connectedAt: new Date(),
          },
        }));
      // Sealed once; a secret rotated later in Settings must survive a re-seed.
      if (isAppDealer && (!link.webhookSecretEnc || !link.apiKeyEnc)) {
        await tx.dealerLink.update({
          where: { id: link.id },
          data: {
            webhookSecretEnc: link.webhookSecretEnc ?? encryptSecret(DEMO.app.signingSecret, encryptionKey),
            apiKeyEnc: link.apiKeyEnc ?? encryptSecret(DEMO.app.apiKey, encryptionKey),
          },
        });
      }
      await tx.externalIdMapping.upsert({
        where: { dealerLinkId_kind_externalId: { dealerLinkId: link.id, kind: "dealer", externalId: dealer.external } },
        create: { dealerLinkId: link.id, kind: "dealer", chektId: String(dealer.id), externalId: dealer.external },
        update: {},
      });
      if (!existing) {
        await tx.auditLog.create({
          data: {
            action: "dealer.seed_link",
            objectKind: "dealer",
            chektId: String(dealer.id),
            externalId: dealer.external,
            dealerLinkId: link.id,
            after: { companyName: dealer.name, connected: true },
            outcome: "success",
          },
        });
        created.push(dealer.id);
      }
    });
  }
  return created;
}

/** Answering needs an outcome code: a demo dealer without any gets the default set (never touched after). */
async function ensureDeskOutcomes(prisma: PrismaClient) {
  const links = await prisma.dealerLink.findMany({
    where: { chektDealerId: { in: demoDealers().map((d) => d.id) } },
    select: { id: true },
  });
  for (const link of links) {
    if (await prisma.deskOutcome.count({ where: { dealerLinkId: link.id } })) continue;
    await prisma.deskOutcome.createMany({
      data: DEFAULT_OUTCOMES.map((o, position) => ({ dealerLinkId: link.id, label: o.label, kind: o.kind, position })),
      skipDuplicates: true,
    });
  }
}

export async function runSeed({ databaseUrl, log = console.log }: SeedOptions): Promise<SeedResult> {
  const encryptionKey = required("SECRETS_ENCRYPTION_KEY");
  const prisma = new PrismaClient({
    adapter: new PrismaPg({ connectionString: databaseUrl, max: 2, connectionTimeoutMillis: 5_000 }),
  });
  try {
    const adminEmail = (process.env.SEED_ADMIN_EMAIL || "admin@example.com").toLowerCase();
    const chosen = process.env.SEED_ADMIN_PASSWORD;
    const adminPassword = chosen || randomBytes(12).toString("base64url");
    const createdUsers: string[] = [];
    const adminCreated = await ensureUser(prisma, adminEmail, "admin", adminPassword, "Administrator");
    if (adminCreated) {
      createdUsers.push(adminEmail);
      // The only time this password is ever shown: it is stored as a bcrypt hash.
      log(
        `Created admin ${adminEmail} with password ${chosen ? "from SEED_ADMIN_PASSWORD" : adminPassword} ` +
          "(shown once; change it under Account)",
      );
    } else {
      log(`Admin ${adminEmail} already exists; its password is unchanged`);
    }
    if (process.env.SEED_TEST_USERS === "1") {
      const testUsers: Array<[Role, string, string]> = [
        ["operator", process.env.SEED_OPERATOR_EMAIL || "operator@example.com", required("SEED_OPERATOR_PASSWORD")],
        ["viewer", process.env.SEED_VIEWER_EMAIL || "viewer@example.com", required("SEED_VIEWER_PASSWORD")],
      ];
      for (const [role, email, password] of testUsers) {
        if (await ensureUser(prisma, email.toLowerCase(), role, password, `Test ${role}`)) createdUsers.push(email);
      }
    }
    const createdDealerLinks = await ensureDealerLinks(prisma, encryptionKey);
    if (createdDealerLinks.length) log(`Linked demo dealers ${createdDealerLinks.join(", ")}`);
    const seededEmails = [adminEmail];
    if (process.env.SEED_TEST_USERS === "1") {
      seededEmails.push(
        (process.env.SEED_OPERATOR_EMAIL || "operator@example.com").toLowerCase(),
        (process.env.SEED_VIEWER_EMAIL || "viewer@example.com").toLowerCase(),
      );
    }
    await ensureMemberships(prisma, seededEmails, adminEmail);
    await ensureDeskOutcomes(prisma);
    return {
      adminEmail,
      adminPassword: adminCreated && !chosen ? adminPassword : null,
      createdUsers,
      createdDealerLinks,
    };
  } finally {
    await prisma.$disconnect();
  }
}

// `npm run db:seed`: same environment rules as the other scripts (.env, then .env.example);
// without DATABASE_URL it seeds the demo's embedded database, like `npm run db:migrate`.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { loadEnv } = await import("../scripts/lib/env");
  const { DEMO_DATABASE, ensureDatabase, ensurePostgres } = await import("../scripts/lib/postgres");
  loadEnv();
  let code = 0;
  const server = await ensurePostgres();
  try {
    let url = process.env.DATABASE_URL;
    if (!url) {
      await ensureDatabase(server.adminUrl, DEMO_DATABASE);
      url = server.urlFor(DEMO_DATABASE);
    }
    await runSeed({ databaseUrl: url });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    code = 1;
  } finally {
    await server.stop();
  }
  process.exit(code);
}
