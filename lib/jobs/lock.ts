// One holder at a time across every app instance, of a bulk job (lib/jobs/item-runner.ts) or of a
// dealer's mirror sweep (lib/jobs/sync-worker.ts): a Postgres session advisory lock held on its own
// connection. If the process dies the connection closes and the lock goes with it.
// The lock lasts exactly as long as that session, so when the session ends under the holder (Postgres
// restarted, the backend was terminated, the network dropped) another instance can take the lock at
// once: `lost` tells the holder, which must stop as a crash would. Both ends probe the idle session,
// so a host that vanishes frees its locks, and a holder cut off from Postgres hears of it, in a minute
// or so rather than the operating system's two hours.
import pg from "pg";

/** A held lock: call it to release; `lost` aborts when its session ends first (the holder must stop). */
export type HeldLock = (() => Promise<void>) & { readonly lost: AbortSignal };

export type JobLock = (key: string) => Promise<HeldLock | null>;

const PROBE_MS = 20_000;

/** Locks named `namespace:key` ("bulk:<job id>", "mirror-sync:<dealer link id>"). */
export function advisoryLock(connectionString: string, namespace = "bulk"): JobLock {
  return async (key) => {
    const name = `${namespace}:${key}`;
    const client = new pg.Client({
      connectionString,
      // pg_stat_activity shows whose lock a session is.
      application_name: `lock ${name}`.slice(0, 63),
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      query_timeout: 10_000,
      options: "-c tcp_keepalives_idle=20 -c tcp_keepalives_interval=10 -c tcp_keepalives_count=3",
    });
    const lost = new AbortController();
    let released = false;
    // A query on the idle session now and then: one that fails or hangs means the session is gone.
    const probe = setInterval(() => void client.query("select 1").catch(gone), PROBE_MS);
    probe.unref();
    const end = () => {
      clearInterval(probe);
      return client.end().catch(() => undefined);
    };
    const gone = (why: unknown) => {
      if (released || lost.signal.aborted) return;
      lost.abort(why ?? new Error(`lock ${name}: its session ended`));
      void end();
    };
    client.on("error", gone);
    client.on("end", () => gone(null));
    try {
      await client.connect();
      const { rows } = await client.query<{ ok: boolean }>(
        "select pg_try_advisory_lock(hashtextextended($1, 0)) as ok",
        [name],
      );
      if (!rows[0]?.ok) {
        released = true;
        await end();
        return null;
      }
    } catch (e) {
      released = true;
      await end();
      throw e;
    }
    // Ending the session releases the lock.
    const release = async () => {
      released = true;
      await end();
    };
    return Object.assign(release, { lost: lost.signal });
  };
}
