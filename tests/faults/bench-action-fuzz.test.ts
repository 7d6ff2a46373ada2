// Every server action (globbed from actions/*.ts), called as a signed-in admin with
// fast-check input: arbitrary values, and objects made of the keys the input schemas use with
// arbitrary values. No call may reject (beyond Next's own redirect/notFound control flow) and
// none may answer `internal` — the "something went wrong on our side" a user would see as a 500.
// Real: the action client, zod, Postgres (a fresh database with a connected dealer), the HTTP path
// to CHeKT (a server that answers 503, so inputs that pass validation reach a handled failure).
// Mocked: only the session source, as in tests/integration/role-matrix.test.ts, plus the Next
// request APIs (cookies, headers, revalidatePath) that need a live request.
import "../support/console-mocks";
import "../support/auth-mocks";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { resetNextHeaders } from "../support/next-headers";
import { session } from "../support/session";
import { actionModules } from "../support/files";
import { anyFieldValue, stringOrEdge } from "../support/fuzz-values";
import { keysOf } from "../support/zod-keys";
import { errorText } from "@/lib/error-text";

const admin = { id: "fz-admin", email: "admin@fuzz.test", name: "Fuzz Admin", role: "admin" as const };
session.user = admin;
resetNextHeaders({ host: "localhost", "x-forwarded-proto": "http" });

type Result = { serverError?: { code?: string; message?: string }; validationErrors?: unknown; data?: unknown };
type Action = { id: string; fn: (input: unknown) => Promise<Result> };

const ROOT = path.resolve(__dirname, "../..");

// Keys the action input schemas use (collected from the schema modules at start), so generated
// objects look like a form's payload with broken values rather than random junk only.
const SCHEMA_MODULES = [
  "lib/schemas/site",
  "lib/schemas/contact",
  "lib/schemas/station",
  "lib/schemas/dealer",
  "lib/schemas/arming",
  "lib/verifications/schemas",
  "lib/settings/schemas",
  "lib/users/schemas",
  "lib/drift/schemas",
  "lib/bulk/schemas",
  "lib/fleet/settings-schema",
];

let db: TestDatabase;
let sql: pg.Client;
let chekt: Server;
let chektHits = 0;
const actions: Action[] = [];
const keyPool = new Set<string>([
  "id",
  "site_id",
  "contact_id",
  "station_id",
  "userId",
  "dealerLinkId",
  "jobId",
  "action",
  "contactId",
  "rows",
  "devices",
  "name",
  "email",
  "role",
]);

beforeAll(async () => {
  chekt = createServer((_req, res) => {
    chektHits++;
    res.writeHead(503, { "content-type": "application/json", "retry-after": "0" });
    res.end(JSON.stringify({ error: { code: "service_unavailable", message: "fuzz: CHeKT is down" } }));
  });
  await new Promise<void>((r) => chekt.listen(0, "127.0.0.1", r));
  db = await createTestDatabase("chekt_bench_fuzz");
  Object.assign(process.env, {
    DATABASE_URL: db.url,
    CHEKT_API_BASE_URL: `http://127.0.0.1:${(chekt.address() as AddressInfo).port}`,
    // One try per call: the fuzz is about our handling of the answer, not about waiting for CHeKT.
    CHEKT_REQUEST_TIMEOUT_MS: "1000",
  });
  sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
  await sql.query(
    `INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at)
      VALUES ($1, $2, $3, 'admin', 'x', now(), now())`,
    [admin.id, admin.email, admin.name],
  );
  await sql.query(
    `INSERT INTO dealer_links
       (id, chekt_dealer_id, external_dealer_id, company_name, connected_at, created_at, updated_at)
     VALUES ('dl_fuzz', 1, 'acme-security', 'Acme', now(), now(), now())`,
  );
  // An admin of that dealer (since issue 13 the role comes from the membership).
  await sql.query(
    `INSERT INTO memberships (user_id, dealer_link_id, role, updated_at) VALUES ($1, 'dl_fuzz', 'admin', now())`,
    [admin.id],
  );
  for (const mod of SCHEMA_MODULES) {
    for (const value of Object.values(await import(pathToFileURL(path.join(ROOT, `${mod}.ts`)).href)))
      for (const k of keysOf(value)) keyPool.add(k);
  }
  for (const rel of actionModules(ROOT)) {
    if (rel === "actions/sign-in.ts") continue; // next-auth's own sign-in, not built with the action client
    const mod = (await import(pathToFileURL(path.join(ROOT, rel)).href)) as Record<string, unknown>;
    for (const [name, fn] of Object.entries(mod))
      if (typeof fn === "function") actions.push({ id: `${rel}#${name}`, fn: fn as Action["fn"] });
  }
}, 120_000);

afterAll(async () => {
  await sql?.end();
  await (await import("@/lib/db")).prisma.$disconnect().catch(() => undefined);
  await db?.drop();
  await new Promise((r) => chekt?.close(r));
});

// Words the actions' schemas accept (a dealer link, roles, outcomes), so some payloads pass validation.
const value = anyFieldValue(["dl_fuzz", "acme-security", "dispatch", "disregard", "admin", "viewer"]);
const payload = () =>
  fc.oneof(
    { weight: 1, arbitrary: fc.anything() },
    { weight: 3, arbitrary: fc.dictionary(fc.constantFrom(...keyPool), value, { maxKeys: 8 }) },
  );

/** Next's own control flow (redirect, notFound, forbidden) is thrown on purpose; anything else is a bug. */
const isNextControlFlow = (e: unknown) =>
  typeof (e as { digest?: unknown })?.digest === "string" && /^NEXT_/.test((e as { digest: string }).digest);

describe("fuzz: every server action as admin", () => {
  it("finds the actions", () => {
    expect(actions.length).toBeGreaterThan(30);
  });

  it("no input makes an action reject or answer `internal`", async () => {
    const problems: string[] = [];
    const seen = new Map<string, number>();
    const controlFlow = new Map<string, number>();
    for (const a of actions) {
      await fc.assert(
        fc.asyncProperty(payload(), async (input) => {
          let r: Result;
          try {
            r = await a.fn(input);
          } catch (e) {
            if (isNextControlFlow(e)) {
              controlFlow.set(a.id, (controlFlow.get(a.id) ?? 0) + 1);
              return;
            }
            problems.push(`${a.id} rejected with ${errorText(e)} on ${show(input)}`);
            return;
          }
          const outcome = r?.serverError
            ? `serverError:${r.serverError.code}`
            : r?.validationErrors
              ? "validation"
              : "data";
          seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
          if (r?.serverError?.code === "internal") problems.push(`${a.id} answered internal on ${show(input)}`);
        }),
        { numRuns: 60 },
      );
    }
    console.log(
      `fuzzed ${actions.length} actions × 60 inputs: ${JSON.stringify(Object.fromEntries(seen))}; ` +
        `CHeKT reached ${chektHits} times; Next's control flow from ${JSON.stringify(Object.fromEntries(controlFlow))}`,
    );
    expect(problems.slice(0, 20)).toEqual([]);
    // Some payloads get through validation and some reach CHeKT: otherwise the fuzz only met the schemas.
    expect(seen.get("data") ?? 0).toBeGreaterThan(0);
    expect(seen.get("validation") ?? 0).toBeGreaterThan(0);
    expect(chektHits).toBeGreaterThan(0);
    // A redirect or notFound ends a run unchecked: a few actions may, most of the runs may not.
    const exits = [...controlFlow.values()].reduce((n, c) => n + c, 0);
    expect(exits).toBeLessThanOrEqual(actions.length * 60 * 0.05);
  }, 240_000);
});

// Route handlers that take input from the URL (the webhook receiver has its own fuzz in
// webhooks-storm.test.ts; next-auth's routes and the SSE stream are not request/answer handlers).
const ROUTES: Array<{ file: string; param?: string }> = [
  { file: "app/api/audit/export/route.ts" },
  { file: "app/api/bulk-jobs/[jobId]/route.ts", param: "jobId" },
  { file: "app/api/dealers/callback/route.ts" },
  { file: "app/api/live/sites/[siteId]/contacts/route.ts", param: "siteId" },
  { file: "app/api/live/verifications/list/route.ts" },
  { file: "app/api/snapshots/[id]/route.ts", param: "id" },
];
const QUERY_KEYS = [
  "q",
  "page",
  "per",
  "sort",
  "dir",
  "from",
  "to",
  "action",
  "user",
  "outcome",
  "kind",
  "format",
  "code",
  "state",
  "error",
  "which",
  "cursor",
  "limit",
  "filter",
  "fields",
];

describe("fuzz: route handlers as admin", () => {
  it("no query string or path parameter makes a route throw or answer 500", async () => {
    const problems: string[] = [];
    const statuses = new Map<number, number>();
    const text = stringOrEdge(60, [
      "",
      "-1",
      "0",
      "1",
      "999999999999999999999",
      "NaN",
      "2026-13-45",
      "../../etc/passwd",
      "' OR 1=1 --",
      "%",
      "%00",
      "a,b,,c",
      "x".repeat(3000),
    ]);
    for (const route of ROUTES) {
      const mod = (await import(pathToFileURL(path.join(ROOT, route.file)).href)) as {
        GET: (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
      };
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(fc.constantFrom(...QUERY_KEYS), text, { maxKeys: 6 }),
          text,
          async (query, param) => {
            const url = new URL("http://localhost/fuzz");
            for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
            const { NextRequest } = await import("next/server");
            const req = new NextRequest(url);
            let res: Response;
            try {
              res = await mod.GET(req, { params: Promise.resolve(route.param ? { [route.param]: param } : {}) });
            } catch (e) {
              if (isNextControlFlow(e)) return;
              problems.push(`${route.file} threw ${errorText(e)} on ${url.search} ${show(param)}`);
              return;
            }
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
            if (res.status === 500)
              problems.push(
                `${route.file} answered 500 on ${url.search} ${show(param)}: ${(await res.text()).slice(0, 200)}`,
              );
            await res.body?.cancel().catch(() => undefined);
          },
        ),
        { numRuns: 60 },
      );
    }
    console.log(
      `fuzzed ${ROUTES.length} routes × 60 requests: statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    expect(problems.slice(0, 20)).toEqual([]);
  }, 180_000);
});

function show(v: unknown) {
  try {
    return JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? `${x}n` : x))?.slice(0, 200);
  } catch {
    return String(v);
  }
}
