// The tenancy files' world (tenancy-matrix, tenancy-pages): a SimWorld with a SQL client, and two dealers,
// A (Acme, CHeKT dealer 1) and B (Northwind, CHeKT dealer 2), connected with their members. Each file then
// seeds B's objects its own way.
import pg from "pg";
import { ACME, NORTHWIND, connectDealerLink } from "./dealer-links";
import { addMembers } from "./members";
import { closeSimWorld, startSimWorld, type SimWorld } from "./sim-world";

type Member = Parameters<typeof addMembers>[2][number];

export type TenancyWorld = SimWorld & { sql: pg.Client; a: string; b: string };

/** The world with A's and B's members; `a` and `b` are their dealer links' ids. */
export async function startTenancyWorld(
  dbPrefix: string,
  members: { a: Member[]; b: Member[] },
): Promise<TenancyWorld> {
  const world = await startSimWorld(dbPrefix);
  const sql = new pg.Client({ connectionString: world.db.url });
  try {
    await sql.connect();
    const a = await connectDealerLink(world.prisma, ACME);
    const b = await connectDealerLink(world.prisma, NORTHWIND);
    await addMembers(world.prisma, a, members.a);
    await addMembers(world.prisma, b, members.b);
    return { ...world, sql, a, b };
  } catch (error) {
    await closeTenancyWorld({ ...world, sql });
    throw error;
  }
}

/** The afterAll of a file that started a TenancyWorld (whatever part of it came up). */
export async function closeTenancyWorld(w: Partial<TenancyWorld> | undefined) {
  await w?.sql?.end().catch(() => undefined);
  await closeSimWorld(w);
}
