// One runner per bulk job across every app instance: a Postgres session advisory lock held on
// its own connection. If the process dies the connection closes and the lock goes with it.
import pg from "pg";

export type JobLock = (key: string) => Promise<null | (() => Promise<void>)>;

export function advisoryLock(connectionString: string): JobLock {
  return async (key) => {
    const client = new pg.Client({ connectionString });
    await client.connect();
    try {
      const { rows } = await client.query<{ ok: boolean }>(
        "select pg_try_advisory_lock(hashtextextended($1, 0)) as ok",
        [`bulk:${key}`],
      );
      if (!rows[0]?.ok) {
        await client.end();
        return null;
      }
    } catch (e) {
      await client.end().catch(() => undefined);
      throw e;
    }
    client.on("error", () => undefined);
    return async () => {
      await client.query("select pg_advisory_unlock(hashtextextended($1, 0))", [`bulk:${key}`]).catch(() => undefined);
      await client.end().catch(() => undefined);
    };
  };
}
