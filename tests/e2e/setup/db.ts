// SQL on the run's seeded database (E2E_DATABASE_URL), for specs that arrange or check rows directly.
import pg from "pg";

/** One statement on its own connection; the rows it returns. */
export async function sql<T extends pg.QueryResultRow = pg.QueryResultRow>(
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}
