// Actions flagged `dealer: "named"` (lib/actions/client.ts) and the admin pages' wrapper
// (lib/settings/dealers.ts pickDealer): a user's role counts in the dealer they work on, and for these
// that is the dealer the input (or `?dealer=`) names, not the current one. Mia is a viewer of A and an
// admin of B: from A she can set B's policy and run B's settings and drift, but nothing of A's, even
// while B is her current dealer. Carl (admin of A only) naming B finds no such dealer.
//
// Mocked: only the session source, the request cookies/headers and Next's cache invalidation (as in
// tenancy-matrix.test.ts). The action client, Postgres and the simulator over HTTP are real.
import "../support/console-mocks";
import "../support/auth-mocks";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeTenancyWorld, startTenancyWorld, type TenancyWorld } from "../support/tenancy-world";
import { session } from "../support/session";
import { cookieJar as jar, requestHeaders } from "../support/next-headers";
import { callAction, exportedActions, type ActionResult, type FoundAction } from "../support/action-registry";
import { clearSimStats, simStats } from "../support/sim-world";
import { DEMO } from "@/simulator/seed";
import { errorText } from "@/lib/error-text";

vi.mock("next-safe-action", async (importOriginal) =>
  (await import("../support/action-registry")).recordingSafeAction(importOriginal),
);

type U = { id: string; email: string; name: string; role: "viewer" | "operator" | "admin" };
const MIA_IN_A: U = { id: "nd-mia", email: "mia@dealers.test", name: "Mia (A viewer, B admin)", role: "viewer" };
const MIA_IN_B: U = { ...MIA_IN_A, role: "admin" };
const CARL: U = { id: "nd-carl", email: "carl@dealer-a.test", name: "Carl (A admin)", role: "admin" };
const BOB: U = { id: "nd-bob", email: "bob@dealer-b.test", name: "Bob (B admin)", role: "admin" };

const ROOT = path.resolve(__dirname, "../..");
let world: TenancyWorld | undefined;
let sql: pg.Client;
let A = "";
let B = "";

let flagged: FoundAction[] = [];
let m: {
  account: typeof import("@/actions/account");
  settings: typeof import("@/actions/settings");
  drift: typeof import("@/actions/drift");
};

type AuditRow = { action: string; outcome: string; error: string | null; user_email: string; dealer_link_id: string };
const lastAuditId = async () =>
  (await sql.query<{ id: string }>(`SELECT coalesce(max(id), 0)::text AS id FROM audit_log`)).rows[0].id;
const auditSince = async (id: string) =>
  (
    await sql.query<AuditRow>(
      `SELECT action, outcome, error, user_email, dealer_link_id FROM audit_log WHERE id > $1 ORDER BY id`,
      [id],
    )
  ).rows;
const requires2fa = async (id: string) =>
  (await sql.query<{ r: boolean }>(`SELECT require_two_factor AS r FROM dealer_links WHERE id = $1`, [id])).rows[0].r;

/** Signs in as `user` working on the dealer `current` (the dealer_link cookie). */
function as(user: U, current: string) {
  session.user = user;
  jar.set("dealer_link", current);
}

beforeAll(async () => {
  process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true"; // next.config.ts sets authInterrupts for the app
  world = await startTenancyWorld("chekt_named_dealer", { a: [MIA_IN_A, CARL], b: [MIA_IN_B, BOB] });
  sql = world.sql;
  A = world.a;
  B = world.b;
  m = {
    account: await import("@/actions/account"),
    settings: await import("@/actions/settings"),
    drift: await import("@/actions/drift"),
  };
  flagged = (await exportedActions(ROOT)).actions.filter((a) => a.meta.dealer === "named");
}, 180_000);

afterAll(async () => {
  session.user = null;
  await closeTenancyWorld(world);
});

describe("actions flagged dealer: named", () => {
  it("a viewer of A who administers B turns B's two-factor policy on from A; the row is B's", async () => {
    as(MIA_IN_A, A);
    const from = await lastAuditId();
    const r = await m.account.setDealerTwoFactorAction({ dealerLinkId: B, required: true });
    expect(r.serverError).toBeUndefined();
    expect(r.data).toEqual({ required: true });
    expect(await requires2fa(B)).toBe(true);
    expect(await requires2fa(A)).toBe(false);
    expect(await auditSince(from)).toEqual([
      {
        action: "dealer.require_two_factor",
        outcome: "success",
        error: null,
        user_email: MIA_IN_A.email,
        dealer_link_id: B,
      },
    ]);
    await m.account.setDealerTwoFactorAction({ dealerLinkId: B, required: false });
    expect(await requires2fa(B)).toBe(false);
  });

  it("…and cannot set A's, whichever dealer she is working on: A's role counts for A", async () => {
    for (const current of [A, B]) {
      as(MIA_IN_A, current);
      const from = await lastAuditId();
      const r = await m.account.setDealerTwoFactorAction({ dealerLinkId: A, required: true });
      expect(r.serverError, current).toMatchObject({ code: "forbidden", message: "Only an admin can do this." });
      expect(await requires2fa(A)).toBe(false);
      expect(await auditSince(from), current).toEqual([
        {
          action: "dealer.require_two_factor",
          outcome: "refused",
          error: "role viewer lacks admin",
          user_email: MIA_IN_A.email,
          dealer_link_id: A,
        },
      ]);
    }
  });

  it("runs B's settings and drift actions from A, each audited on B; none of them reaches A", async () => {
    as(MIA_IN_A, A);
    const problems: string[] = [];
    const calls: Array<[string, () => Promise<ActionResult>]> = [
      ["settings.check_connection", () => m.settings.checkConnectionAction({ dealerLinkId: B })],
      [
        "settings.set_dealer_secrets",
        () => m.settings.setDealerSecretsAction({ dealerLinkId: B, webhookSecret: "whsec_set_by_mia_for_b_0000" }),
      ],
      ["settings.list_app_devices", () => m.settings.loadAppDevicesAction({ dealerLinkId: B, limit: 5 })],
      ["drift.check", () => m.drift.driftCheckAction({ dealerLinkId: B })],
      ["drift.link_all", () => m.drift.linkAllAction({ dealerLinkId: B })],
    ];
    for (const [name, call] of calls) {
      const from = await lastAuditId();
      const r = await call();
      if (r.serverError || r.validationErrors) problems.push(`${name}: ${JSON.stringify(r.serverError ?? r)}`);
      const foreign = (await auditSince(from)).filter((row) => row.dealer_link_id !== B);
      if (foreign.length) problems.push(`${name}: audit rows of another dealer ${JSON.stringify(foreign)}`);
    }
    expect(problems).toEqual([]);
    const secrets = await sql.query<{ id: string; set: boolean }>(
      `SELECT id, webhook_secret_enc IS NOT NULL AS set FROM dealer_links WHERE id = ANY($1) ORDER BY chekt_dealer_id`,
      [[A, B]],
    );
    expect(secrets.rows).toEqual([
      { id: A, set: false },
      { id: B, set: true },
    ]);
    const rows = await sql.query<AuditRow>(
      `SELECT action, outcome, error, user_email, dealer_link_id FROM audit_log
        WHERE action = 'settings.set_dealer_secrets' ORDER BY id DESC LIMIT 1`,
    );
    expect(rows.rows).toEqual([
      {
        action: "settings.set_dealer_secrets",
        outcome: "success",
        error: null,
        user_email: MIA_IN_A.email,
        dealer_link_id: B,
      },
    ]);
  }, 120_000);

  it("a drift fix naming B finds only B's mappings: A's mapping under B's name does not exist", async () => {
    const aMapping = await world!.prisma.externalIdMapping.create({
      data: { dealerLinkId: A, kind: "site", chektId: "424242", externalId: "a-only" },
    });
    as(MIA_IN_A, A);
    const from = await lastAuditId();
    const r = await m.drift.forgetMappingAction({ dealerLinkId: B, mappingId: aMapping.id });
    expect(r.serverError).toMatchObject({ code: "not_found", message: "That mapping no longer exists." });
    expect(await world!.prisma.externalIdMapping.count({ where: { id: aMapping.id } })).toBe(1);
    expect((await auditSince(from)).map((row) => [row.action, row.outcome, row.dealer_link_id])).toEqual([
      ["drift.forget", "refused", B],
    ]);
  });

  it("every flagged action refuses an input naming no dealer, for an admin of the current dealer too", async () => {
    expect(flagged.map((f) => f.meta.name).sort()).toEqual([
      "dealer.require_two_factor",
      "drift.check",
      "drift.forget",
      "drift.link",
      "drift.link_all",
      "drift.relink",
      "settings.check_connection",
      "settings.list_app_devices",
      "settings.send_test_event",
      "settings.set_dealer_secrets",
      // The desk's: its page names the dealer it was drawn for (tests/integration/verifications-page-dealer.test.ts).
      "verifications.answer",
      "verifications.check",
      "verifications.claim",
      "verifications.directions",
      "verifications.note",
      "verifications.release",
      "verifications.takeover",
    ]);
    const problems: string[] = [];
    for (const { id, fn, meta } of flagged) {
      for (const input of [{}, { dealerLinkId: "" }, { dealerLinkId: 7 }]) {
        as(CARL, A);
        const from = await lastAuditId();
        const called = await callAction(fn, input);
        if (called.threw !== undefined) {
          problems.push(`${id}: threw ${called.threw}`);
          continue;
        }
        const r = called.result;
        if (r.serverError?.code !== "invalid_input" || !/Choose the dealer/.test(r.serverError.message ?? ""))
          problems.push(`${id} ${JSON.stringify(input)}: ${JSON.stringify(r.serverError ?? r.validationErrors)}`);
        const rows = (await auditSince(from)).map((row) => [row.action, row.outcome, row.user_email]);
        if (JSON.stringify(rows) !== JSON.stringify([[meta.name, "refused", CARL.email]]))
          problems.push(`${id} ${JSON.stringify(input)}: audit ${JSON.stringify(rows)}`);
      }
    }
    expect(problems).toEqual([]);
  }, 60_000);

  it("a non-member naming B gets 'No such dealer.' and a refusal row on their own dealer", async () => {
    as(CARL, A);
    const from = await lastAuditId();
    const r = await m.account.setDealerTwoFactorAction({ dealerLinkId: B, required: true });
    expect(r.serverError).toMatchObject({ code: "not_found", message: "No such dealer." });
    expect(await requires2fa(B)).toBe(false);
    expect(await auditSince(from)).toEqual([
      {
        action: "dealer.require_two_factor",
        outcome: "refused",
        error: `not a member of dealer link ${B}`,
        user_email: CARL.email,
        dealer_link_id: A,
      },
    ]);
  });
});

/** The HTTP status Next gives a page that threw: notFound() → 404, forbidden() → 403. */
function statusOf(error: unknown): number | string {
  const digest = (error as { digest?: string }).digest ?? "";
  const match = /^NEXT_HTTP_ERROR_FALLBACK;(\d{3})$/.exec(digest);
  return match ? Number(match[1]) : `threw ${errorText(error)}`;
}

type PageFn = (props: { searchParams: Promise<Record<string, string>> }) => Promise<unknown>;

/** Every string in a rendered tree (element props, the props handed to client components), one per line. */
function stringsOf(tree: unknown): string {
  const out: string[] = [];
  const seen = new WeakSet<object>();
  const walk = (v: unknown) => {
    if (typeof v === "string") out.push(v);
    else if (v && typeof v === "object" && !seen.has(v)) {
      seen.add(v);
      for (const child of Object.values(v)) walk(child);
    }
  };
  walk(tree);
  return out.join("\n");
}

/** Opens an admin page as the signed-in test user: 200 and its tree's strings, or the status it threw. */
async function open(route: string, search: Record<string, string>) {
  const page = pathToFileURL(path.join(ROOT, "app/(console)", route, "page.tsx")).href;
  requestHeaders.current = new Headers({ "x-request-path": `/${route}` });
  try {
    const tree = await ((await import(page)) as { default: PageFn }).default({
      searchParams: Promise.resolve(search),
    });
    return { status: 200 as number | string, text: stringsOf(tree) };
  } catch (error) {
    return { status: statusOf(error), text: "" };
  }
}

describe("the admin pages' ?dealer= (lib/settings/dealers.ts)", () => {
  it("open for a dealer the user administers, whatever their role in the current one", async () => {
    as(MIA_IN_A, A);
    for (const route of ["settings", "settings/app-devices", "drift"]) {
      const from = await lastAuditId();
      const got = await open(route, { dealer: B });
      expect(got.status, route).toBe(200);
      expect(got.text, route).toContain("Northwind Alarms");
      expect(got.text, route).not.toContain("Acme Security");
      expect(await auditSince(from), route).toEqual([]);
    }
    // The call budget's route answers the current dealer's admins only: the page does not poll it for her.
    expect((await open("settings", { dealer: B })).text).toContain("Shown to admins of the dealer you are working on");
    as(BOB, B);
    expect((await open("settings", { dealer: B })).text).not.toContain("Shown to admins of the dealer");
  }, 60_000);

  it("the app devices page asks CHeKT nothing; its Read from CHeKT action reads the named dealer's once", async () => {
    as(MIA_IN_A, A);
    // B's own App key (one the simulator knows), so that a read of B's devices does reach CHeKT.
    const saved = await m.settings.setDealerSecretsAction({ dealerLinkId: B, apiKey: DEMO.app.apiKey });
    expect(saved.serverError).toBeUndefined();
    const simUrl = world!.sim.url;
    const stats = () => simStats(simUrl);
    await clearSimStats(simUrl);
    const views = [];
    for (let view = 0; view < 3; view++) views.push(await open("settings/app-devices", { dealer: B }));
    expect((await stats()).byRoute, "CHeKT calls made by three page views").toEqual({});
    for (const view of views) expect(view.text).toContain("Northwind Alarms (CHeKT dealer 2)");
    const from = await lastAuditId();
    const r = await m.settings.loadAppDevicesAction({ dealerLinkId: B, limit: 100 });
    expect(r.data).toMatchObject({ ok: true });
    expect((await stats()).byRoute).toEqual({ "GET /v1/devices": 1 });
    // A read changes nothing: no audit row, as for the connection check.
    expect(await auditSince(from)).toEqual([]);
  });

  it("stay 403 for the current dealer (or one named) the user does not administer, with a refusal row", async () => {
    as(MIA_IN_A, A);
    for (const search of [{}, { dealer: A }, { dealer: "nd-no-such-link" }] as Record<string, string>[]) {
      const from = await lastAuditId();
      expect((await open("settings", search)).status, JSON.stringify(search)).toBe(403);
      expect(
        (await auditSince(from)).map((r) => [r.action, r.outcome, r.user_email, r.dealer_link_id]),
        JSON.stringify(search),
      ).toEqual([["scope.forbidden", "refused", MIA_IN_A.email, A]]);
    }
  });
});
