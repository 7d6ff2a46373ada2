// Driver adapter for the Prisma CLI only (migrate, db push, generate) — never loaded by the app.
// It exists to work around three defects of @prisma/adapter-pg 6.19.3 on the migration path
// (see ../shared/ARCHITECTURE.md "Prisma offline"). Delete this file when Prisma fixes them.
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";

// Defect 5: the WebAssembly schema engine arms a 10 s timer (a lock/connect deadline it never
// clears) that keeps `migrate deploy` and `migrate diff` alive ~10 s after their work is done.
// Unref timers armed from inside the engine: pending work still holds its sockets open, so
// nothing real is cut short, but an idle deadline no longer delays exit. Runs in the CLI process
// only, because only the CLI loads this file (through prisma.config.ts).
const armTimer = globalThis.setTimeout;
globalThis.setTimeout = ((handler: (...a: unknown[]) => void, ms?: number, ...rest: unknown[]) => {
  const timer = armTimer(handler, ms, ...rest);
  if ((ms ?? 0) >= 1000 && new Error().stack?.includes("wasm://")) timer.unref?.();
  return timer;
}) as typeof globalThis.setTimeout;

// Defect 1: columns of Postgres type `name` (OID 19) and `char` (OID 18) are not decoded and the
// schema engine's introspection queries fail. Report them as `text` (OID 25) before the adapter looks.
const UNDECODED_OIDS = new Set([18, 19]);
const TEXT_OID = 25;

type FieldsOf = { fields?: Array<{ dataTypeID: number }> } | null | undefined;

function patchFields<R>(result: R): R {
  for (const field of (result as FieldsOf)?.fields ?? []) {
    if (UNDECODED_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
  }
  return result;
}

// pg calls query() both with a callback (inside Pool.query) and as a promise (the adapter).
// pg.Client.query has eight overloads; the override takes them all and forwards them unchanged.
const baseQuery = pg.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;
class PatchedClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- must stay assignable to every overload
  override query(...args: unknown[]): any {
    const last = args[args.length - 1];
    if (typeof last === "function") {
      args[args.length - 1] = (err: unknown, result: unknown) => last(err, patchFields(result));
      return baseQuery.apply(this, args);
    }
    const out = baseQuery.apply(this, args);
    return out instanceof Promise ? out.then(patchFields) : out;
  }
}

function patchedPool(config: pg.PoolConfig): pg.Pool {
  return new pg.Pool({ ...config, Client: PatchedClient as unknown as typeof pg.Client });
}

// Defect 4: executeScript splits a migration on every ";", which breaks dollar-quoted function
// bodies (our audit_log trigger). Postgres runs a multi-statement script in one simple query.
type ScriptRunner = { executeScript: (script: string) => Promise<void>; underlyingDriver: () => pg.Pool };
function wholeScripts<A extends ScriptRunner>(adapter: A): A {
  adapter.executeScript = async (script: string) => {
    try {
      await adapter.underlyingDriver().query(script);
    } catch (error) {
      // The adapter's own onError (protected) turns a pg error into the error the engine expects.
      const onError: unknown = Reflect.get(adapter, "onError");
      if (typeof onError === "function") onError.call(adapter, error);
      throw error;
    }
  };
  return adapter;
}

// Defect 2: the shadow database connection ignores the database name when a connection string is
// given, so `migrate dev` would run against the main database. Pass the parts separately.
function configFromUrl(url: string, database?: string): pg.PoolConfig {
  const u = new URL(url);
  return {
    host: decodeURIComponent(u.hostname) || "127.0.0.1",
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username || "postgres"),
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: database ?? decodeURIComponent(u.pathname.replace(/^\//, "") || "postgres"),
    max: 2,
    // pg keeps idle connections for 10 s by default and the CLI never closes its pool:
    // let the process exit while they idle.
    allowExitOnIdle: true,
  };
}

export class CliPgAdapterFactory extends PrismaPg {
  constructor(private readonly url: string) {
    const pool = patchedPool(configFromUrl(url));
    super(pool, { disposeExternalPool: true });
  }

  override async connect() {
    return wholeScripts(await super.connect());
  }

  // Defect 3: the stock shadow database is dropped while its own pool still holds connections.
  // Close the pool first, then drop WITH (FORCE).
  override async connectToShadowDb() {
    const database = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID().replace(/-/g, "")}`;
    const admin = new pg.Client(configFromUrl(this.url));
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    await admin.end();
    const shadow = new PrismaPg(patchedPool(configFromUrl(this.url, database)), { disposeExternalPool: true });
    const adapter = wholeScripts(await shadow.connect());
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      const dropper = new pg.Client(configFromUrl(this.url));
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await dropper.end();
    };
    return adapter;
  }
}
