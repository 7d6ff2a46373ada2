// One call for an integration file that needs only Postgres (no simulator): a migrated database of its own with
// DATABASE_URL pointing at it, the app's Prisma client and one connected dealer link (file-world.ts: started in
// the file's beforeAll, closed in its afterAll, read through getters).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "./db";
import { connectDealerLink, type LinkSeed } from "./dealer-links";
import { fileWorld } from "./file-world";

export type DbWorld = { db: TestDatabase; prisma: PrismaClient; linkId: string };

/** The database (named `dbPrefix`_…) with `link` connected. */
export function dbFile(dbPrefix: string, link: LinkSeed): DbWorld {
  const start = async (): Promise<DbWorld> => {
    const db = await createTestDatabase(dbPrefix);
    process.env.DATABASE_URL = db.url;
    const { prisma } = await import("@/lib/db");
    try {
      return { db, prisma, linkId: await connectDealerLink(prisma, link) };
    } catch (error) {
      await close({ db, prisma });
      throw error;
    }
  };
  const close = async (w: Partial<DbWorld> | undefined) => {
    await w?.prisma?.$disconnect().catch(() => undefined);
    await w?.db?.drop();
  };
  return fileWorld("database", start, close, ["db", "prisma", "linkId"]).parts;
}

/**
 * A database of its own (named `dbPrefix`_…) and a client with a pool of `max` connections, for a file that hands
 * the client to the code it tests: no DATABASE_URL, no dealer link. `max` is as many as its parallel transactions.
 */
export function clientFile(dbPrefix: string, max: number): Pick<DbWorld, "prisma"> {
  const start = async () => {
    const db = await createTestDatabase(dbPrefix);
    return { db, prisma: new PrismaClient({ adapter: new PrismaPg({ connectionString: db.url, max }) }) };
  };
  const close = async (w: Pick<DbWorld, "db" | "prisma"> | undefined) => {
    await w?.prisma.$disconnect();
    await w?.db.drop();
  };
  return fileWorld("database", start, close, ["prisma"]).parts;
}
