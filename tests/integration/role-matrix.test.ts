// The role matrix, table-driven: every server action in every actions/*.ts (globbed now, so
// actions other helpers add are covered) and every route handler under app/api is called as
// anonymous, viewer, operator and admin. The set of roles that get past the check must be exactly
// the one docs/roles.md writes down, and a refusal must come before any CHeKT call or any write
// (the only row a refusal leaves is its own audit row).
//
// Only the session source and the request cookies are mocked. The action client, the role check
// (against each user's membership of the one dealer link here), Postgres and the HTTP path to
// "CHeKT" (a counting server here) are real. tests/integration/tenancy-matrix.test.ts does the same
// across two dealers.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { addMembers } from "../support/members";
import { session } from "../support/session";
import { callAction, exportedActions, type FoundAction } from "../support/action-registry";
import type { ActionMetadata } from "@/lib/actions/client";
import { filesNamed } from "../support/files";
import { errorText } from "@/lib/error-text";

type Role = ActionMetadata["role"];
type Who = "anonymous" | Role;
const WHO: Who[] = ["anonymous", "viewer", "operator", "admin"];
const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

// --- instrumentation -------------------------------------------------------------------------
// Each action is remembered with its metadata (tests/support/action-registry.ts). No dealer cookie:
// each user works on their only dealer. next-auth itself (the session source behind getSessionUser)
// does not load outside Next; the sign-in action and its route are public surfaces this table lists
// but does not call.
vi.mock("next-safe-action", async (importOriginal) =>
  (await import("../support/action-registry")).recordingSafeAction(importOriginal),
);
vi.mock("@/lib/auth/session", () => import("../support/session"));
vi.mock("next/headers", () => import("../support/next-headers"));
vi.mock("@/lib/auth/index", () => import("../support/auth-unavailable"));
vi.mock("next-auth", () => import("../support/next-auth"));

// --- the written matrix (docs/roles.md, one rule per row of its table) --------------------------
type Rule = { match: RegExp; role: Role | ((m: ActionMetadata) => Role); row: string };
/** Operator areas: anyone signed in may read them, only operators and admins change them. */
const readsForViewers = (m: ActionMetadata): Role => (m.notAudited ? "viewer" : "operator");
const ACTION_RULES: Rule[] = [
  { match: /^dealer\.switch$/, role: "viewer", row: "Sign in, see the dashboard (choose which dealer to look at)" },
  { match: /^account\./, role: "viewer", row: "change your own password" },
  { match: /^verifications\.takeover$/, role: "admin", row: "Take over another operator's claim" },
  {
    match: /^verifications\.(outcomes|checklist)$/,
    role: "admin",
    row: "Edit the desk's outcome codes and checklists (the dealer's and a site's own)",
  },
  {
    match: /^verifications\.escalation_settings$/,
    role: "admin",
    row: "Set when alarms on the desk escalate (unclaimed for N s, under M s left); see the escalation banner",
  },
  {
    match: /^verifications\./,
    role: readsForViewers,
    row: "Claim a verification and answer it (dispatch or disregard)",
  },
  {
    match: /^(sites|stations|contacts)\./,
    role: readsForViewers,
    row: "Create, edit and delete sites, monitoring stations and contacts / Activate or deactivate a site",
  },
  {
    match: /^devices\./,
    role: readsForViewers,
    row: "Add, edit and delete cameras and devices, including pasting a list (bulk jobs)",
  },
  { match: /^arming\./, role: readsForViewers, row: "Activate or deactivate a site, change its arming" },
  { match: /^dealer\.update$/, role: "admin", row: "Edit the dealer profile" },
  { match: /^dealer\.(connect|disconnect)/, role: "admin", row: "Connect or disconnect a dealer" },
  {
    match: /^dealer\.require_two_factor$/,
    role: "admin",
    row: "Require two-factor sign-in of everyone who works for the dealer",
  },
  { match: /^settings\./, role: "admin", row: "Settings, including the CHeKT connection check" },
  { match: /^webhooks\./, role: "admin", row: "Webhook delivery log, and re-applying a delivery" },
  { match: /^audit\./, role: "admin", row: "Audit history and its export" },
  { match: /^users\./, role: "admin", row: "Add users, disable them, reset passwords, change roles" },
  { match: /^drift\./, role: "admin", row: "Drift check (compare CHeKT with the console's records)" },
];

/** Route handlers by their folder under app/api. Public ones have their own guard (or none). */
const ROUTE_RULES: Array<{ match: RegExp; role: Role | "public"; row: string }> = [
  { match: /^auth\//, role: "public", row: "sign-in itself (next-auth)" },
  { match: /^health$/, role: "public", row: "health check, no secrets" },
  { match: /^webhooks\//, role: "public", row: "CHeKT's signed deliveries (HMAC, not a session)" },
  { match: /^csp-report$/, role: "public", row: "browsers' CSP violation reports (sent without the session cookie)" },
  { match: /^audit\//, role: "admin", row: "Audit history and its export" },
  {
    match: /^chekt\/budget$/,
    role: "admin",
    row: "Settings, including the CHeKT connection check (the call budget panel)",
  },
  { match: /^dealers\//, role: "admin", row: "Connect or disconnect a dealer" },
  {
    match: /^live\/verifications\/\[id\]\/lease$/,
    role: "operator",
    row: "Claim a verification and answer it (the claim's heartbeat)",
  },
  { match: /^verifications\/report$/, role: "viewer", row: "See the desk report and export it as CSV" },
  { match: /^verifications\/history$/, role: "viewer", row: "See the verification history and export it as CSV" },
  { match: /^(live|snapshots)\//, role: "viewer", row: "See the live verification queue" },
  { match: /^bulk-jobs\//, role: "viewer", row: "See … devices (a bulk job's progress)" },
];

/** Exported functions of actions/*.ts files that are not built with the action client, on purpose. */
// confirmTwoFactorAction runs on the enrolment session (no full session until it succeeds) and
// audits itself; tests/faults/bench-action-fuzz.test.ts still fuzzes it.
const PUBLIC_ACTIONS = new Set(["actions/sign-in.ts#signInAction", "actions/two-factor.ts#confirmTwoFactorAction"]);

function expectedActionRole(m: ActionMetadata): { role: Role; row: string } | null {
  const rule = ACTION_RULES.find((r) => r.match.test(m.name));
  return rule ? { role: typeof rule.role === "function" ? rule.role(m) : rule.role, row: rule.row } : null;
}
const allowedSet = (role: Role): Who[] => WHO.filter((w) => w !== "anonymous" && RANK[w] >= RANK[role]);

// --- discovery -------------------------------------------------------------------------------
const ROOT = path.resolve(__dirname, "../..");

// --- fixtures --------------------------------------------------------------------------------
let db: TestDatabase;
let client: pg.Client;
let chekt: Server;
let chektHits = 0;
let linkId = "";

const USERS: Record<Role, { id: string; email: string; name: string; role: Role }> = {
  viewer: { id: "rm-viewer", email: "viewer@rm.test", name: "RM Viewer", role: "viewer" },
  operator: { id: "rm-operator", email: "operator@rm.test", name: "RM Operator", role: "operator" },
  admin: { id: "rm-admin", email: "admin@rm.test", name: "RM Admin", role: "admin" },
};
function signInAs(who: Who) {
  session.user = who === "anonymous" ? null : USERS[who];
}

/** Every user table's row count and content hash: a refusal must leave them as they were. */
async function snapshot(): Promise<Record<string, string>> {
  const { rows } = await client.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1`,
  );
  const out: Record<string, string> = {};
  for (const { tablename } of rows) {
    const r = await client.query<{ n: string; h: string | null }>(
      `SELECT count(*)::text AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS h FROM "${tablename}" t`,
    );
    out[tablename] = `${r.rows[0].n}:${r.rows[0].h ?? ""}`;
  }
  return out;
}

async function auditRowsSince(id: string) {
  const r = await client.query<{
    action: string;
    outcome: string;
    error: string | null;
    user_email: string | null;
    trace_id: string | null;
  }>(`SELECT action, outcome, error, user_email, trace_id FROM audit_log WHERE id > $1 ORDER BY id`, [id]);
  return r.rows;
}
async function lastAuditId(): Promise<string> {
  return (await client.query<{ id: string }>(`SELECT coalesce(max(id), 0)::text AS id FROM audit_log`)).rows[0].id;
}

/** Signs in as `who` and notes what a refusal must leave as it was: the tables, the audit log, CHeKT's calls. */
async function probeAs(who: Who) {
  signInAs(who);
  return { before: await snapshot(), auditFrom: await lastAuditId(), hitsBefore: chektHits };
}

let actions: FoundAction[] = [];
let unbuilt: string[] = [];
type RouteFn = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const routes: Array<{ id: string; folder: string; method: string; fn: RouteFn }> = [];

beforeAll(async () => {
  chekt = createServer((_req, res) => {
    chektHits++;
    res.writeHead(503, { "content-type": "application/json" });
    res.end(
      JSON.stringify({ error: { code: "unavailable", message: "role-matrix test: CHeKT must not be called here" } }),
    );
  });
  await new Promise<void>((r) => chekt.listen(0, "127.0.0.1", r));
  db = await createTestDatabase("chekt_admin_rm");
  process.env.DATABASE_URL = db.url;
  process.env.CHEKT_API_BASE_URL = `http://127.0.0.1:${(chekt.address() as AddressInfo).port}`;
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  // Each user's role is their membership's in this dealer (users.role is deliberately lower, so a
  // check that read it instead would fail the table).
  const { prisma } = await import("@/lib/db");
  const link = await prisma.dealerLink.create({
    data: { chektDealerId: 1, externalDealerId: "rm-dealer", companyName: "RM Dealer", connectedAt: new Date() },
  });
  linkId = link.id;
  await addMembers(prisma, link.id, Object.values(USERS));
  await prisma.user.updateMany({ data: { role: "viewer" } });

  ({ actions, unbuilt } = await exportedActions(ROOT));
  for (const file of filesNamed(path.join(ROOT, "app", "api"), "route.ts")) {
    const folder = path
      .dirname(path.relative(path.join(ROOT, "app", "api"), path.join(ROOT, file)))
      .split(path.sep)
      .join("/");
    const mod = (await import(pathToFileURL(path.join(ROOT, file)).href)) as Record<string, unknown>;
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
      if (typeof mod[method] === "function")
        routes.push({ id: `${method} /api/${folder}`, folder, method, fn: mod[method] as RouteFn });
    }
  }
}, 120_000);

afterAll(async () => {
  session.user = null;
  await client?.end();
  await (await import("@/lib/db")).prisma.$disconnect().catch(() => undefined);
  await db?.drop();
  await new Promise((r) => chekt?.close(r));
});

// A value no input schema accepts: a call that passes the role check stops at validation, so the
// table never runs an action's body.
const PROBE_INPUT = "role-matrix-probe";
/**
 * An action flagged `dealer: "named"` checks the role in the dealer its input names, so the probe
 * names this dealer; the NUL stops a call that passes there before the body (lib/actions/client.ts).
 */
const probeFor = (m: ActionMetadata): unknown =>
  m.dealer === "named" ? { dealerLinkId: linkId, probe: "\u0000" } : PROBE_INPUT;

describe("role matrix: server actions", () => {
  it("finds the action modules (the glob is not empty) and every export is built with the action client", () => {
    expect(actions.length).toBeGreaterThan(10);
    expect(unbuilt.filter((id) => !PUBLIC_ACTIONS.has(id))).toEqual([]);
  });

  it("every action's declared role is the one the written matrix gives it", () => {
    const mismatches = actions.flatMap(({ id, meta }) => {
      const expected = expectedActionRole(meta);
      if (!expected) return [`${id} (${meta.name}): not in the role matrix — add a row to docs/roles.md and this test`];
      return expected.role === meta.role
        ? []
        : [`${id} (${meta.name}): declares ${meta.role}, docs/roles.md "${expected.row}" says ${expected.role}`];
    });
    expect(mismatches).toEqual([]);
  });

  it("each as anonymous, viewer, operator, admin: written roles pass; refusals only audit, no CHeKT", async () => {
    const problems: string[] = [];
    for (const { id, fn, meta } of actions) {
      const expected = expectedActionRole(meta);
      if (!expected) continue;
      const allowed: Who[] = [];
      for (const who of WHO) {
        const { before, auditFrom, hitsBefore } = await probeAs(who);
        const called = await callAction(fn, probeFor(meta));
        const code = called.threw === undefined ? called.result.serverError?.code : undefined;
        const refused = code === "unauthenticated" || code === "forbidden";
        if (!refused) {
          allowed.push(who);
          if (called.threw !== undefined) problems.push(`${id} as ${who}: threw ${called.threw}`);
          continue;
        }
        // A refusal: the right one, nothing written except the refusal's own audit row, no CHeKT call.
        if (who === "anonymous" && code !== "unauthenticated")
          problems.push(`${id} as anonymous: ${code} instead of unauthenticated`);
        if (who !== "anonymous" && code !== "forbidden") problems.push(`${id} as ${who}: ${code} instead of forbidden`);
        if (chektHits !== hitsBefore) problems.push(`${id} as ${who}: refused after calling CHeKT`);
        const after = await snapshot();
        const changed = Object.keys(after).filter((t) => t !== "audit_log" && after[t] !== before[t]);
        if (changed.length) problems.push(`${id} as ${who}: refused but changed ${changed.join(", ")}`);
        const audit = await auditRowsSince(auditFrom);
        const wantAudit =
          who === "anonymous"
            ? []
            : [
                {
                  action: meta.name,
                  outcome: "refused",
                  error: `role ${who} lacks ${meta.role}`,
                  user_email: USERS[who as Role].email,
                },
              ];
        const gotAudit = audit.map(({ trace_id: _t, ...r }) => r);
        if (JSON.stringify(gotAudit) !== JSON.stringify(wantAudit))
          problems.push(
            `${id} as ${who}: audit rows ${JSON.stringify(gotAudit)}, expected ${JSON.stringify(wantAudit)}`,
          );
        if (audit.some((r) => !r.trace_id)) problems.push(`${id} as ${who}: refusal audited without a trace id`);
      }
      const want = allowedSet(expected.role);
      if (JSON.stringify(allowed) !== JSON.stringify(want))
        problems.push(
          `${id} (${meta.name}): allowed ${allowed.join(",") || "nobody"}, written matrix says ${want.join(",")}`,
        );
    }
    signInAs("anonymous");
    expect(problems).toEqual([]);
  }, 120_000);
});

describe("role matrix: route handlers", () => {
  it("finds the route handlers and every one has a row in the written matrix", () => {
    expect(routes.length).toBeGreaterThan(3);
    expect(routes.filter((r) => !ROUTE_RULES.some((rule) => rule.match.test(r.folder))).map((r) => r.id)).toEqual([]);
  });

  it("each route as anonymous, viewer, operator, admin: written roles pass, refusals change nothing", async () => {
    const problems: string[] = [];
    for (const route of routes) {
      const rule = ROUTE_RULES.find((r) => r.match.test(route.folder))!;
      if (rule.role === "public") continue;
      const allowed: Who[] = [];
      for (const who of WHO) {
        const { before, auditFrom, hitsBefore } = await probeAs(who);
        // Dynamic segments get a value that matches nothing.
        const params = Object.fromEntries(
          [...route.folder.matchAll(/\[(?:\.\.\.)?([^\]]+)\]/g)].map((m) => [m[1], "999999"]),
        );
        const url = `http://console.test/api/${route.folder.replace(/\[(?:\.\.\.)?[^\]]+\]/g, "999999")}`;
        let res: Response | undefined;
        let thrown: unknown;
        const abort = new AbortController();
        try {
          res = await route.fn(new Request(url, { method: route.method, signal: abort.signal }), {
            params: Promise.resolve(params),
          });
        } catch (error) {
          thrown = error;
        }
        let code: string | undefined;
        if (res && (res.status === 401 || res.status === 403)) {
          code = ((await res.json().catch(() => ({}))) as { error?: { code?: string } }).error?.code;
        } else {
          // Got past the guard; a live stream would stay open: close it.
          abort.abort();
          await res?.body?.cancel().catch(() => undefined);
        }
        const refused = code === "unauthenticated" || code === "forbidden";
        if (!refused) {
          allowed.push(who);
          if (thrown && who === "anonymous")
            problems.push(`${route.id} as anonymous: threw ${errorText(thrown)} instead of a 401`);
          continue;
        }
        if (who === "anonymous" && (res!.status !== 401 || code !== "unauthenticated"))
          problems.push(`${route.id} as anonymous: ${res!.status} ${code}`);
        if (who !== "anonymous" && (res!.status !== 403 || code !== "forbidden"))
          problems.push(`${route.id} as ${who}: ${res!.status} ${code}`);
        if (chektHits !== hitsBefore) problems.push(`${route.id} as ${who}: refused after calling CHeKT`);
        const after = await snapshot();
        const changed = Object.keys(after).filter((t) => t !== "audit_log" && after[t] !== before[t]);
        if (changed.length) problems.push(`${route.id} as ${who}: refused but changed ${changed.join(", ")}`);
        // A role refusal leaves one scope.forbidden row, as a page's 403 does; a 401 (signed out) none.
        const audit = (await auditRowsSince(auditFrom)).map((r) => [r.action, r.outcome, r.user_email]);
        const wantAudit = who === "anonymous" ? [] : [["scope.forbidden", "refused", USERS[who as Role].email]];
        if (JSON.stringify(audit) !== JSON.stringify(wantAudit))
          problems.push(
            `${route.id} as ${who}: audit rows ${JSON.stringify(audit)}, expected ${JSON.stringify(wantAudit)}`,
          );
      }
      const want = allowedSet(rule.role);
      if (JSON.stringify(allowed) !== JSON.stringify(want))
        problems.push(
          `${route.id}: allowed ${allowed.join(",") || "nobody"}, ` +
            `written matrix ("${rule.row}") says ${want.join(",")}`,
        );
    }
    signInAs("anonymous");
    expect(problems).toEqual([]);
  }, 120_000);

  it("public routes do not depend on a session: anonymous calls are not refused with the sign-in answer", async () => {
    signInAs("anonymous");
    const checked: string[] = [];
    for (const route of routes) {
      const rule = ROUTE_RULES.find((r) => r.match.test(route.folder))!;
      if (rule.role !== "public" || route.folder.startsWith("auth/")) continue;
      const params = Object.fromEntries(
        [...route.folder.matchAll(/\[(?:\.\.\.)?([^\]]+)\]/g)].map((m) => [m[1], "acme-security"]),
      );
      const res = await route.fn(
        new Request(`http://console.test/api/${route.folder}`, {
          method: route.method,
          body: route.method === "GET" ? undefined : "{}",
        }),
        { params: Promise.resolve(params) },
      );
      const body = (await res.json().catch(() => ({}))) as { error?: { code?: string } };
      expect(body.error?.code, route.id).not.toBe("unauthenticated");
      checked.push(route.id);
    }
    expect(checked.length).toBeGreaterThanOrEqual(2);
  });
});
