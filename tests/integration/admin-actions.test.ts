// The admin actions end to end on a real Postgres and the real simulator: users and roles (last
// admin, sessions ending), own password, dealer secrets (sealed, never in the audit row), the
// drift check with re-link / link / forget, the webhook re-apply and the audit CSV export.
// Only the cookie jar is test-made (it carries a real encrypted session cookie; user rows and session versions are
// real).
import { AsyncLocalStorage } from "node:async_hooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { RunningSimulator } from "@/simulator/server";
import { DEMO } from "@/simulator/seed";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { startTestSimulator } from "../support/simulator";
import { ACME, connectDealerLink } from "../support/dealer-links";
import { openAuthSession } from "../support/auth-sessions";

const authMock = vi.hoisted(() => ({
  session: null as null | { user: { id: string }; sv: number; sid: string; expires: string },
}));
vi.mock("next/cache", () => import("../support/next-cache"));
// The session is a real encrypted cookie for authMock's claims, decoded by lib/auth/session.ts as in production.
vi.mock("next/headers", () =>
  import("../support/session-cookie").then((h) => h.nextHeadersWith(() => sessionScope.getStore() ?? authMock.session)),
);
/** Claims for the calls run inside it, so two concurrent calls each keep their own session. */
const sessionScope = new AsyncLocalStorage<NonNullable<typeof authMock.session>>();

let db: TestDatabase;
let sim: RunningSimulator;
/** The modules under test, imported once the environment names this file's database and simulator. */
const loadModules = async () => ({
  db: await import("@/lib/db"),
  users: await import("@/actions/users"),
  account: await import("@/actions/account"),
  settings: await import("@/actions/settings"),
  drift: await import("@/actions/drift"),
  webhookLog: await import("@/actions/webhook-log"),
  exportRoute: await import("@/app/api/audit/export/route"),
  session: await import("@/lib/auth/session"),
  password: await import("@/lib/auth/password"),
  secrets: await import("@/lib/secrets"),
});
let m: Awaited<ReturnType<typeof loadModules>>;
let linkId: string;

async function makeUser(email: string, role: "admin" | "operator" | "viewer", password = "correct-horse-1") {
  // A member of the test's dealer with this role (what the role matrix and user admin act on).
  return m.db.prisma.user.create({
    data: {
      email,
      name: email.split("@")[0],
      role,
      passwordHash: await m.password.hashPassword(password),
      memberships: { create: { dealerLinkId: linkId, role } },
    },
  });
}
/** Signs in as this user with the session version the row has now (like a fresh JWT). */
async function as(userId: string) {
  const u = await m.db.prisma.user.findUniqueOrThrow({ where: { id: userId } });
  // A server-side session record, as a real sign-in makes (lib/auth/sessions.ts).
  const claims = await openAuthSession(
    m.db.prisma,
    u.id,
    `sid_${u.id}_${u.sessionVersion}_${Date.now()}_${Math.random()}`,
  );
  authMock.session = { user: { id: u.id }, sv: u.sessionVersion, ...claims };
}
const lastAudit = () => m.db.prisma.auditLog.findFirstOrThrow({ orderBy: { id: "desc" } });
const text = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x));

beforeAll(async () => {
  // The drift check lists every site's contacts and devices; at the free tier's 60/min the client
  // paces those calls for ~15 s per run. A roomier bucket keeps this file quick.
  sim = await startTestSimulator({ config: { rateLimitBurstPerS: 50, rateLimitPerMin: 3000 } });
  db = await createTestDatabase("chekt_admin_it");
  process.env.DATABASE_URL = db.url;
  process.env.CHEKT_API_BASE_URL = sim.url;
  process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";
  m = await loadModules();
  linkId = await connectDealerLink(m.db.prisma, ACME);
}, 120_000);

afterAll(async () => {
  await m?.db.prisma.$disconnect();
  await db?.drop();
  await sim?.close();
});

describe("users and roles", () => {
  let admin: { id: string };
  beforeEach(async () => {
    await m.db.prisma.user.deleteMany();
    admin = await makeUser("root@admin.test", "admin");
    await as(admin.id);
  });

  it("creates a user with a bcrypt hash and an audit row that never holds the password", async () => {
    const r = await m.users.createUserAction({
      email: "  New@Example.TEST ",
      name: "New Person",
      role: "operator",
      password: "initial-pass-1",
    });
    expect(r.serverError).toBeUndefined();
    const u = await m.db.prisma.user.findUniqueOrThrow({ where: { email: "new@example.test" } });
    expect(u.role).toBe("operator");
    expect(await m.password.verifyPassword("initial-pass-1", u.passwordHash)).toBe(true);
    const audit = await lastAudit();
    expect(audit).toMatchObject({
      action: "users.create",
      objectKind: "user",
      externalId: u.id,
      outcome: "success",
      userEmail: "root@admin.test",
    });
    expect(audit.traceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(audit.after)).not.toContain("initial-pass-1");
    expect(JSON.stringify(audit.after)).not.toContain(u.passwordHash);
  });

  it("refuses a duplicate email (any case), a short password and a bad role, writing nothing", async () => {
    await makeUser("taken@x.test", "viewer");
    const before = await m.db.prisma.user.count();
    const dup = await m.users.createUserAction({
      email: "TAKEN@x.test",
      name: "T",
      role: "viewer",
      password: "long-enough-1",
    });
    expect(dup.serverError).toMatchObject({
      code: "conflict",
      fieldErrors: { email: "A user with this email already exists" },
    });
    const short = await m.users.createUserAction({ email: "s@x.test", name: "S", role: "viewer", password: "short" });
    expect(short.validationErrors).toMatchObject({ fieldErrors: { password: ["Use at least 10 characters"] } });
    const role = await m.users.createUserAction({
      email: "r@x.test",
      name: "R",
      role: "root" as "admin",
      password: "long-enough-1",
    });
    expect(role.validationErrors).toMatchObject({ fieldErrors: { role: ["Choose admin, operator or viewer"] } });
    expect(await m.db.prisma.user.count()).toBe(before);
  });

  it("a NUL anywhere in the input is refused as invalid input, audited, and never reaches a query", async () => {
    const before = await m.db.prisma.user.count();
    const removed = await m.users.removeMembershipAction({ userId: "\u0000" });
    expect(removed.serverError).toMatchObject({ code: "invalid_input", message: expect.stringMatching(/NUL/) });
    expect(await lastAudit()).toMatchObject({ action: "users.remove_membership", outcome: "failure" });
    const created = await m.users.createUserAction({
      email: "nul@x.test",
      name: "Nul\u0000Name",
      role: "viewer",
      password: "long enough password 1",
    });
    expect(created.serverError).toMatchObject({ code: "invalid_input" });
    expect(await m.db.prisma.user.count()).toBe(before);
  });

  it("the last enabled admin cannot step down or be disabled; with a second admin they can", async () => {
    const demote = await m.users.setRoleAction({ userId: admin.id, role: "viewer" });
    expect(demote.serverError).toMatchObject({ code: "last_admin" });
    const self = await m.users.setDisabledAction({ userId: admin.id, disabled: true });
    expect(self.serverError?.code).toMatch(/last_admin|self_disable/);
    expect((await m.db.prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("admin");

    const other = await makeUser("second@admin.test", "admin");
    const ok = await m.users.setRoleAction({ userId: admin.id, role: "operator" });
    expect(ok.serverError).toBeUndefined();
    expect(await lastAudit()).toMatchObject({
      action: "users.set_role",
      before: expect.objectContaining({ role: "admin" }),
      after: expect.objectContaining({ role: "operator" }),
    });
    // Now `other` is the last admin, and admin (an operator) can no longer administer.
    await as(admin.id);
    expect((await m.users.setRoleAction({ userId: other.id, role: "viewer" })).serverError).toMatchObject({
      code: "forbidden",
    });
  });

  it("two admins demoting each other at the same time leave one admin (serialised)", async () => {
    const b = await makeUser("b@admin.test", "admin");
    // Both calls run inside the same process, each in its own transaction; the advisory lock orders them. Each
    // runs under its own session (a per-call scope, not the shared claims the two calls would overwrite).
    const sessionOf = async (userId: string) => {
      await as(userId);
      return authMock.session!;
    };
    const [asAdmin, asB] = [await sessionOf(admin.id), await sessionOf(b.id)];
    const since = (await m.db.prisma.auditLog.findFirst({ orderBy: { id: "desc" } }))?.id ?? 0n;
    const [r1, r2] = await Promise.all([
      sessionScope.run(asAdmin, () => m.users.setRoleAction({ userId: b.id, role: "viewer" })),
      sessionScope.run(asB, () => m.users.setRoleAction({ userId: admin.id, role: "viewer" })),
    ]);
    // setRole changes the membership's role in this dealer (the user row's role is the account's first one).
    const admins = await m.db.prisma.membership.count({
      where: { dealerLinkId: linkId, role: "admin", user: { disabledAt: null } },
    });
    expect(admins).toBe(1);
    const codes = [r1.serverError?.code, r2.serverError?.code];
    expect(codes.filter((c) => c === undefined)).toHaveLength(1);
    // The second is refused either way, by whichever check it reaches after the first has landed: the
    // last-admin rule under the lock, or the role check itself when its sender is already a viewer.
    const refusal = codes.find((c) => c !== undefined);
    expect(["last_admin", "forbidden"]).toContain(refusal);
    const rows = await m.db.prisma.auditLog.findMany({
      where: { action: "users.set_role", id: { gt: since } },
      orderBy: { id: "asc" },
    });
    // A rule's refusal is an action failure in the audit log; the role check's is "refused".
    const refusedRow = refusal === "last_admin" ? "failure" : "refused";
    expect(rows.map((r) => r.outcome).sort()).toEqual([refusedRow, "success"].sort());
    expect(rows.find((r) => r.outcome === refusedRow)?.error).toMatch(
      refusal === "last_admin" ? /^last_admin: / : /^role viewer lacks admin/,
    );
  });

  it("disabling ends the user's sessions; enabling lets a new sign-in work", async () => {
    const op = await makeUser("op@x.test", "operator");
    await as(op.id);
    expect(await m.session.getSessionUser()).toMatchObject({ id: op.id });
    const opSession = authMock.session;

    await as(admin.id);
    expect((await m.users.setDisabledAction({ userId: op.id, disabled: true })).serverError).toBeUndefined();
    authMock.session = opSession;
    expect(await m.session.getSessionUser()).toBeNull();

    await as(admin.id);
    expect((await m.users.setDisabledAction({ userId: op.id, disabled: false })).serverError).toBeUndefined();
    authMock.session = opSession; // the old JWT stays dead: its session version is behind
    expect(await m.session.getSessionUser()).toBeNull();
    await as(op.id);
    expect(await m.session.getSessionUser()).toMatchObject({ id: op.id });
    const rows = await m.db.prisma.auditLog.findMany({ where: { externalId: op.id }, orderBy: { id: "asc" } });
    expect(rows.map((r) => r.action)).toEqual(["users.disable", "users.enable"]);
  });

  it("reset password: a working one-time password, old password and sessions end, none in the audit row", async () => {
    const v = await makeUser("v@x.test", "viewer", "old-password-1");
    await as(v.id);
    const vSession = authMock.session;
    await as(admin.id);
    const r = await m.users.resetPasswordAction({ userId: v.id });
    const otp = r.data?.oneTimePassword;
    expect(otp).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{16}$/);
    const row = await m.db.prisma.user.findUniqueOrThrow({ where: { id: v.id } });
    expect(await m.password.verifyPassword(otp!, row.passwordHash)).toBe(true);
    expect(await m.password.verifyPassword("old-password-1", row.passwordHash)).toBe(false);
    authMock.session = vSession;
    expect(await m.session.getSessionUser()).toBeNull();
    const audit = await lastAudit();
    expect(audit.action).toBe("users.reset_password");
    expect(text(audit)).not.toContain(otp!);
  });

  it("any signed-in user changes their own password; the current one is required", async () => {
    const v = await makeUser("self@x.test", "viewer", "my-old-password");
    await as(v.id);
    const change = (currentPassword: string, newPassword: string, confirmPassword = newPassword) =>
      m.account.changeOwnPasswordAction({ currentPassword, newPassword, confirmPassword });
    const wrong = await change("nope-nope-nope", "my-new-password");
    expect(wrong.serverError).toMatchObject({
      code: "wrong_password",
      fieldErrors: { currentPassword: "Not your current password" },
    });
    const mismatch = await change("my-old-password", "my-new-password", "other-password");
    expect(mismatch.validationErrors).toMatchObject({
      fieldErrors: { confirmPassword: ["The two new passwords differ"] },
    });
    const ok = await change("my-old-password", "my-new-password");
    expect(ok.data).toMatchObject({ changed: true });
    const row = await m.db.prisma.user.findUniqueOrThrow({ where: { id: v.id } });
    expect(await m.password.verifyPassword("my-new-password", row.passwordHash)).toBe(true);
    expect(await lastAudit()).toMatchObject({
      action: "account.change_password",
      userEmail: "self@x.test",
      outcome: "success",
    });
  });
});

describe("dealer secrets", () => {
  beforeEach(async () => {
    await m.db.prisma.dealerLink.update({ where: { id: linkId }, data: { apiKeyEnc: null, webhookSecretEnc: null } });
    (await import("@/lib/webhooks/dealer-secrets")).forgetDealerSecrets();
    await m.db.prisma.user.deleteMany();
    await as((await makeUser("root@admin.test", "admin")).id);
  });

  it("seals the API key and signing secret; the audit row shows only the masked form", async () => {
    const apiKey = "chekt_test_abcdefghijklmnopqrstuvwxyz0123456789";
    const secret = "whsec_super_secret_value_987654";
    const r = await m.settings.setDealerSecretsAction({ dealerLinkId: linkId, apiKey, webhookSecret: secret });
    expect(r.data).toEqual({ saved: ["apiKey", "webhookSecret"] });
    const link = await m.db.prisma.dealerLink.findUniqueOrThrow({ where: { id: linkId } });
    expect(link.apiKeyEnc).not.toContain(apiKey);
    expect(m.secrets.decryptSecret(link.apiKeyEnc!, process.env.SECRETS_ENCRYPTION_KEY!)).toBe(apiKey);
    expect(m.secrets.decryptSecret(link.webhookSecretEnc!, process.env.SECRETS_ENCRYPTION_KEY!)).toBe(secret);
    const audit = await lastAudit();
    expect(audit).toMatchObject({
      action: "settings.set_dealer_secrets",
      chektId: "1",
      externalId: "acme-security",
      after: { apiKey: "chekt_test_…6789", webhookSecret: "whsec_…7654" },
    });
    expect(text(audit)).not.toContain(apiKey);
    expect(text(audit)).not.toContain(secret);

    const cleared = await m.settings.setDealerSecretsAction({
      dealerLinkId: linkId,
      clearApiKey: true,
      clearWebhookSecret: true,
    });
    expect(cleared.data).toEqual({ saved: ["apiKey", "webhookSecret"] });
    expect(await m.db.prisma.dealerLink.findUniqueOrThrow({ where: { id: linkId } })).toMatchObject({
      apiKeyEnc: null,
      webhookSecretEnc: null,
    });
  });

  it("refuses a malformed key and an empty form with field messages, writing nothing", async () => {
    const bad = await m.settings.setDealerSecretsAction({ dealerLinkId: linkId, apiKey: "sk_live_123" });
    expect(bad.validationErrors).toMatchObject({
      fieldErrors: { apiKey: [expect.stringMatching(/chekt_live_ or chekt_test_/)] },
    });
    const empty = await m.settings.setDealerSecretsAction({ dealerLinkId: linkId });
    expect(empty.validationErrors).toMatchObject({
      fieldErrors: { apiKey: ["Enter a new API key or signing secret (or choose to clear one)"] },
    });
    expect(await m.db.prisma.dealerLink.findUniqueOrThrow({ where: { id: linkId } })).toMatchObject({
      apiKeyEnc: null,
    });
  });

  it("a dealer named by an id of no form we issue is no dealer: refused, not looked up, not echoed", async () => {
    for (const dealerLinkId of ["\u0000", `${linkId}\u0000`, "x".repeat(65), "a b"]) {
      const r = await m.settings.setDealerSecretsAction({ dealerLinkId, apiKey: "chekt_test_" + "a".repeat(40) });
      expect(r.serverError, JSON.stringify(dealerLinkId)).toMatchObject({
        code: "not_found",
        message: "No such dealer.",
      });
      expect(await lastAudit()).toMatchObject({
        action: "settings.set_dealer_secrets",
        outcome: "refused",
        error: "named a dealer link id of no form we issue",
      });
    }
    expect(await m.db.prisma.dealerLink.findUniqueOrThrow({ where: { id: linkId } })).toMatchObject({
      apiKeyEnc: null,
    });
  });

  it("the connection check with the env key of the default dealer works end to end", async () => {
    const r = await m.settings.checkConnectionAction({ dealerLinkId: linkId });
    expect(r.data?.summary).toEqual({
      ok: true,
      text: "Partner API: works. CHeKT App key: accepted, every probed scope granted.",
    });
  });
});

describe("drift", () => {
  // The drift check compares with the mirror (docs/mirror.md): sweep the dealer first, as the app's
  // background sync would.
  beforeAll(async () => {
    const link = await m.db.prisma.dealerLink.findUniqueOrThrow({ where: { id: linkId } });
    await (await import("@/lib/mirror/sweep")).sweepDealer({ dealerLinkId: link.id, dealerId: link.chektDealerId });
  }, 120_000);

  beforeEach(async () => {
    await m.db.prisma.user.deleteMany();
    await as((await makeUser("root@admin.test", "admin")).id);
    await m.db.prisma.externalIdMapping.deleteMany();
  });

  it("finds unmapped objects, links one, re-links a mismatch, forgets a dead mapping — each audited", async () => {
    const first = await m.drift.driftCheckAction({ dealerLinkId: linkId });
    expect(first.serverError).toBeUndefined();
    const run = first.data!;
    const acmeSites = [...sim.state.sites.values()].filter((s) => s.dealer_id === DEMO.dealers.acme.id);
    expect(run.counts.site).toEqual({ mapped: 0, chekt: acmeSites.length, inSync: 0 });
    expect(run.issues.every((i) => i.type === "missing_locally")).toBe(true);
    const site = run.issues.find((i) => i.type === "missing_locally" && i.kind === "site")!;
    if (site.type !== "missing_locally") throw new Error("unreachable");

    // Link: the mapping takes CHeKT's external id.
    const linked = await m.drift.linkObjectAction({
      dealerLinkId: linkId,
      kind: "site",
      chektId: Number(site.object.chektId),
    });
    expect(linked.data).toMatchObject({
      kind: "site",
      chektId: site.object.chektId,
      externalId: site.object.externalId,
    });
    expect(await lastAudit()).toMatchObject({
      action: "drift.link",
      objectKind: "site",
      chektId: site.object.chektId,
      externalId: site.object.externalId,
    });

    // Mismatch: our mapping says another external id for the same CHeKT object.
    await m.db.prisma.externalIdMapping.updateMany({
      where: { chektId: site.object.chektId, kind: "site" },
      data: { externalId: "our-stale-id" },
    });
    // Dead: a mapping to a CHeKT site that does not exist.
    const dead = await m.db.prisma.externalIdMapping.create({
      data: { dealerLinkId: linkId, kind: "site", chektId: "987654", externalId: "ghost-site" },
    });

    const second = (await m.drift.driftCheckAction({ dealerLinkId: linkId })).data!;
    const mismatch = second.issues.find((i) => i.type === "external_id_mismatch");
    const missing = second.issues.find((i) => i.type === "missing_in_chekt");
    expect(mismatch).toMatchObject({
      kind: "site",
      mapping: { externalId: "our-stale-id" },
      object: { externalId: site.object.externalId },
    });
    expect(missing).toMatchObject({ kind: "site", mapping: { id: dead.id, chektId: "987654" } });

    const relinked = await m.drift.relinkMappingAction({
      dealerLinkId: linkId,
      mappingId: mismatch!.type === "external_id_mismatch" ? mismatch!.mapping.id : "",
      chektId: Number(site.object.chektId),
    });
    expect(relinked.data).toMatchObject({ externalId: site.object.externalId });
    expect(await lastAudit()).toMatchObject({
      action: "drift.relink",
      before: { externalId: "our-stale-id" },
      after: { externalId: site.object.externalId },
    });

    const forgot = await m.drift.forgetMappingAction({ dealerLinkId: linkId, mappingId: dead.id });
    expect(forgot.data).toEqual({ forgotten: dead.id });
    expect(await lastAudit()).toMatchObject({
      action: "drift.forget",
      chektId: "987654",
      externalId: "ghost-site",
      before: { externalId: "ghost-site" },
    });

    const third = (await m.drift.driftCheckAction({ dealerLinkId: linkId })).data!;
    expect(third.counts.site).toEqual({ mapped: 1, chekt: acmeSites.length, inSync: 1 });
    expect(third.issues.filter((i) => i.type !== "missing_locally")).toEqual([]);
  });

  it("link all adopts every unmapped object, one audit row each under one trace id", async () => {
    const before = (await m.drift.driftCheckAction({ dealerLinkId: linkId })).data!;
    const adoptable = before.issues.filter((i) => i.type === "missing_locally" && i.object.externalId);
    expect(adoptable.length).toBeGreaterThan(10);
    const auditBefore = await m.db.prisma.auditLog.count({ where: { action: "drift.link" } });

    const r = await m.drift.linkAllAction({ dealerLinkId: linkId });
    expect(r.data).toEqual({ linked: adoptable.length, skipped: [] });
    expect(await m.db.prisma.auditLog.count({ where: { action: "drift.link" } })).toBe(auditBefore + adoptable.length);
    const summary = await m.db.prisma.auditLog.findFirstOrThrow({
      where: { action: "drift.link_all" },
      orderBy: { id: "desc" },
    });
    expect(await m.db.prisma.auditLog.count({ where: { action: "drift.link", traceId: summary.traceId } })).toBe(
      adoptable.length,
    );

    const after = (await m.drift.driftCheckAction({ dealerLinkId: linkId })).data!;
    expect(after.issues).toEqual([]);
    expect(after.counts.device.inSync).toBe(after.counts.device.chekt);
  });

  it("re-linking to a CHeKT object that does not exist is refused and changes nothing", async () => {
    const mapping = await m.db.prisma.externalIdMapping.create({
      data: { dealerLinkId: linkId, kind: "site", chektId: "555555", externalId: "x-1" },
    });
    const r = await m.drift.relinkMappingAction({ dealerLinkId: linkId, mappingId: mapping.id, chektId: 555556 });
    expect(r.serverError).toMatchObject({ code: "not_found" });
    expect(await m.db.prisma.externalIdMapping.findUniqueOrThrow({ where: { id: mapping.id } })).toMatchObject({
      chektId: "555555",
      externalId: "x-1",
    });
  });
});

describe("webhook re-apply and the audit log", () => {
  beforeEach(async () => {
    await m.db.prisma.user.deleteMany();
    await as((await makeUser("root@admin.test", "admin")).id);
  });

  it("re-applies a stored event idempotently and audits each time; an unknown event is refused", async () => {
    const now = new Date();
    const payload = {
      id: "evt_admin_1",
      type: "device.offline",
      created_at: now.toISOString(),
      data: { device_id: 4242, site_id: 1, at: now.toISOString() },
    };
    await m.db.prisma.webhookEvent.create({
      data: {
        id: "evt_admin_1",
        dealerLinkId: linkId,
        type: "device.offline",
        createdAt: now,
        payload,
        applyStatus: "failed",
        applyNote: "simulated failure",
      },
    });
    const a = await m.webhookLog.reapplyEventAction({ eventId: "evt_admin_1" });
    expect(a.serverError).toBeUndefined();
    const b = await m.webhookLog.reapplyEventAction({ eventId: "evt_admin_1" });
    expect(b.serverError).toBeUndefined();
    expect(await m.db.prisma.deviceStatus.count({ where: { chektDeviceId: 4242 } })).toBe(1);
    expect(await m.db.prisma.webhookEvent.findFirstOrThrow({ where: { id: "evt_admin_1" } })).toMatchObject({
      applyStatus: "applied",
    });
    const rows = await m.db.prisma.auditLog.findMany({
      where: { action: "webhooks.reapply", externalId: "evt_admin_1" },
      orderBy: { id: "asc" },
    });
    expect(rows.map((r) => [r.outcome, (r.before as { applyStatus: string }).applyStatus])).toEqual([
      ["success", "failed"],
      ["success", "applied"],
    ]);

    const missing = await m.webhookLog.reapplyEventAction({ eventId: "evt_nope" });
    expect(missing.serverError).toMatchObject({ code: "not_found" });
  });

  it("audit rows cannot be changed or deleted, even by the app's own database user", async () => {
    const row = await m.db.prisma.auditLog.create({
      data: { action: "test.append_only", objectKind: "test", outcome: "success", dealerLinkId: linkId },
    });
    await expect(m.db.prisma.auditLog.update({ where: { id: row.id }, data: { action: "tampered" } })).rejects.toThrow(
      /append-only/,
    );
    await expect(m.db.prisma.auditLog.delete({ where: { id: row.id } })).rejects.toThrow(/append-only/);
  });

  it("exports the filtered audit log as CSV, streamed, and audits the export", async () => {
    // Its own rows, read from its own start: the drift tests write drift rows too, or have not yet run.
    const from = new Date().toISOString();
    const row = (action: string, externalId: string, outcome = "success") => ({
      action,
      objectKind: "site",
      outcome,
      externalId,
      dealerLinkId: linkId,
    });
    await m.db.prisma.auditLog.createMany({
      data: [
        row("drift.link", "export-link"),
        row("drift.relink", "export-relink"),
        row("drift.forget", "export-forget"),
        row("drift.link_all", "export-link-all"),
        row("drift.link", "export-failed", "failure"),
        row("sites.create", "export-other-action"),
      ],
    });
    const res = await m.exportRoute.GET(
      new Request(`http://console.test/api/audit/export?action=drift.&outcome=success&from=${from}`),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="audit-.*\.csv"$/);
    const lines = (await res.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "id,at,user_email,user_id,action,object_kind,chekt_id,external_id," +
        "dealer_link_id,trace_id,outcome,error,before,after",
    );
    // Newest first; the failure and the other action are filtered out.
    expect(lines.slice(1).map((l) => l.split(",").slice(4, 8))).toEqual([
      ["drift.link_all", "site", "", "export-link-all"],
      ["drift.forget", "site", "", "export-forget"],
      ["drift.relink", "site", "", "export-relink"],
      ["drift.link", "site", "", "export-link"],
    ]);
    expect(await lastAudit()).toMatchObject({
      action: "audit.export",
      after: { filters: { action: "drift.", outcome: "success", from } },
    });

    const bad = await m.exportRoute.GET(new Request("http://console.test/api/audit/export?from=someday"));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: { code: "validation_failed", message: '"From" date "someday" is not a date (use YYYY-MM-DD).' },
    });
  });

  it("export streams more rows than one batch, in order, newest first", async () => {
    const before = await m.db.prisma.auditLog.count();
    await m.db.prisma.auditLog.createMany({
      data: Array.from({ length: 1200 }, (_, i) => ({
        action: "bulk.seed",
        objectKind: "test",
        outcome: "success",
        externalId: `row-${i}`,
        dealerLinkId: linkId,
      })),
    });
    const res = await m.exportRoute.GET(new Request("http://console.test/api/audit/export?action=bulk.seed"));
    const lines = (await res.text()).trimEnd().split("\r\n").slice(1);
    expect(lines).toHaveLength(1200);
    expect(lines[0].split(",")[7]).toBe("row-1199");
    expect(lines[1199].split(",")[7]).toBe("row-0");
    expect(await m.db.prisma.auditLog.count()).toBe(before + 1200 + 1);
  });
});
