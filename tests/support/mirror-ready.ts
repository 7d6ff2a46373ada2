// Waits until the app's background sweep has mirrored every connected dealer once (mirror_syncs
// finished), so specs that open pages find the seeded sites: pages read the mirror, never CHeKT.
import pg from "pg";

export async function waitForFirstSync(databaseUrl: string, timeoutMs = 120_000): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await client.query<{ waiting: number }>(
        `SELECT count(*)::int AS waiting FROM dealer_links l LEFT JOIN mirror_syncs s ON s.dealer_link_id = l.id
         WHERE l.connected_at IS NOT NULL AND l.disconnected_at IS NULL AND s.finished_at IS NULL`,
      );
      if (rows[0]!.waiting === 0) return;
      if (Date.now() > deadline)
        throw new Error(
          `the first mirror sync did not finish within ${timeoutMs / 1000} s ` +
            `(${rows[0]!.waiting} dealer(s) left); see the app log`,
        );
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    await client.end();
  }
}
