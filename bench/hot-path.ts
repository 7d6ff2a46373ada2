// Two steps every request or mutation pays, old way against new way, interleaved in one process so a
// busy machine slows both alike (the whole-app benches cannot separate them from the noise):
//   session: next-auth's session endpoint run in-process (what auth() does: a Request, the JWT
//            decrypt, both callbacks, a re-encrypt) vs lib/auth/session-token.ts (decode once per
//            cookie, then from memory);
//   audit:   Prisma's auditLog.create (query compiler, row read back) vs lib/audit.ts's one INSERT.
// Prints medians; asserts nothing.
//
//   node --conditions=react-server --import tsx bench/hot-path.ts
// (react-server: lib/audit.ts is server-only. Postgres: TEST_PG_ADMIN_URL or DATABASE_URL; a
// database is created, migrated and dropped.)
import { randomBytes } from "node:crypto";
import { Auth } from "@auth/core";
import { encode } from "next-auth/jwt";
import { PrismaPg } from "@prisma/adapter-pg";
import { loadEnv } from "../scripts/lib/env";
import { createDatabase, dropDatabase, migrate, withDatabase } from "../scripts/lib/postgres";
import { authConfig } from "../lib/auth/config";
import { sessionClaims, sessionCookieName } from "../lib/auth/session-token";
import { PrismaClient } from "../lib/generated/prisma/client";
import { dist, timed } from "./http";

const RUNS = Number(process.env.BENCH_HOT_RUNS || 300);

async function sessionBench() {
  const secret = process.env.AUTH_SECRET!;
  const name = sessionCookieName(false);
  const claims = { uid: "u1", sid: "s".repeat(43), sv: 0, name: "A", email: "a@example.com" };
  const token = await encode({ token: claims, secret, salt: name });
  const request = () =>
    new Request("http://localhost:3000/api/auth/session", { headers: { cookie: `${name}=${token}` } });
  const config = { ...authConfig, secret, basePath: "/api/auth", trustHost: true };
  const old: number[] = [];
  const now: number[] = [];
  for (let i = 0; i < RUNS + 20; i++) {
    const a = await timed(async () => (await Auth(request(), config)).json());
    const b = await timed(() => sessionClaims(token, secret, name));
    if (i >= 20) {
      old.push(a.ms);
      now.push(b.ms);
    }
  }
  return { authSessionEndpoint: dist(old), cachedDecode: dist(now) };
}

async function auditBench() {
  const server = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
  const admin = process.env.TEST_PG_ADMIN_URL || withDatabase(server, "postgres");
  const dbName = `chekt_hot_path_${randomBytes(3).toString("hex")}`;
  const url = withDatabase(admin, dbName);
  await createDatabase(admin, dbName);
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }) });
  try {
    await migrate(url, { quiet: true });
    process.env.DATABASE_URL = url;
    const { writeAudit } = await import("../lib/audit");
    const entry = {
      action: "sites.update",
      objectKind: "site" as const,
      chektId: 42,
      externalId: "S-42",
      traceId: "00000000-0000-0000-0000-000000000000",
      before: { name: "Old", timezone: "UTC" },
      after: { name: "New", timezone: "UTC" },
      outcome: "success" as const,
      user: { id: "u1", email: "a@example.com" },
    };
    const old: number[] = [];
    const now: number[] = [];
    for (let i = 0; i < RUNS + 20; i++) {
      const a = await timed(() =>
        prisma.auditLog.create({
          data: {
            action: entry.action,
            objectKind: entry.objectKind,
            chektId: "42",
            externalId: entry.externalId,
            traceId: entry.traceId,
            before: entry.before,
            after: entry.after,
            outcome: entry.outcome,
            userId: entry.user.id,
            userEmail: entry.user.email,
          },
        }),
      );
      const b = await timed(() => writeAudit(prisma, entry));
      if (i >= 20) {
        old.push(a.ms);
        now.push(b.ms);
      }
    }
    return { prismaCreate: dist(old), rawInsert: dist(now) };
  } finally {
    await prisma.$disconnect();
    await dropDatabase(admin, dbName).catch(() => undefined);
  }
}

async function main() {
  loadEnv([".env.example"]);
  const session = await sessionBench();
  const { authSessionEndpoint: was, cachedDecode: is } = session;
  console.log(
    `session claims: next-auth session endpoint median ${was.median} ms (p95 ${was.p95}); ` +
      `cached decode median ${is.median} ms (p95 ${is.p95}); ${RUNS} runs each`,
  );
  const audit = await auditBench();
  const { prismaCreate: before, rawInsert: after } = audit;
  console.log(
    `audit row: Prisma create median ${before.median} ms (p95 ${before.p95}); ` +
      `one INSERT median ${after.median} ms (p95 ${after.p95}); ${RUNS} runs each`,
  );
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
