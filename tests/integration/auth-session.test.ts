// getSessionUser() and the role guards against a real Postgres. Only next/headers is stubbed (with a
// real encrypted session cookie); the user row is real.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { requestHeaders } from "../support/next-headers";
import { openAuthSession } from "../support/auth-sessions";

const authMock = vi.hoisted(() => ({
  session: null as null | {
    user: { id: string; name: string; email: string; role: string };
    sv?: number;
    sid?: string;
    expires: string;
  },
}));
// A real encrypted session cookie carrying authMock.session's claims (tests/support/session-cookie.ts).
vi.mock("next/headers", () =>
  import("../support/session-cookie").then((m) => m.nextHeadersWith(() => authMock.session)),
);
/** The page the request was for, as proxy.ts passes it on. */
const requestPath = (path: string) => void (requestHeaders.current = new Headers({ "x-request-path": path }));

let db: TestDatabase;
/** The modules under test, imported once the environment names this file's database. */
const loadModules = async () => ({
  db: await import("@/lib/db"),
  session: await import("@/lib/auth/session"),
  require: await import("@/lib/auth/require"),
});
let m: Awaited<ReturnType<typeof loadModules>>;
let userId: string;

beforeAll(async () => {
  db = await createTestDatabase("chekt_app_session");
  process.env.DATABASE_URL = db.url;
  process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";
  m = await loadModules();
});
afterAll(async () => {
  await m?.db.prisma.$disconnect();
  await db?.drop();
});

beforeEach(async () => {
  // Every test starts from the same request, whatever the one before changed.
  requestPath("/settings?tab=users");
  await m.db.prisma.user.deleteMany();
  const u = await m.db.prisma.user.create({
    data: { email: "vera@example.com", name: "Vera Viewer", role: "viewer", passwordHash: "x" },
  });
  userId = u.id;
  authMock.session = {
    user: { id: u.id, name: u.name, email: u.email, role: "viewer" },
    sv: 0,
    ...(await openAuthSession(m.db.prisma, u.id)),
  };
});

describe("getSessionUser", () => {
  it("returns the user as Postgres has it now", async () => {
    await m.db.prisma.user.update({ where: { id: userId }, data: { role: "operator", name: "Vera Operator" } });
    expect(await m.session.getSessionUser()).toEqual({
      id: userId,
      email: "vera@example.com",
      name: "Vera Operator",
      role: "operator",
    });
  });

  it("is null without a session", async () => {
    authMock.session = null;
    expect(await m.session.getSessionUser()).toBeNull();
  });

  it("ends the session of a disabled user", async () => {
    await m.db.prisma.user.update({ where: { id: userId }, data: { disabledAt: new Date() } });
    expect(await m.session.getSessionUser()).toBeNull();
  });

  it("ends sessions issued before a password reset (session version bumped)", async () => {
    await m.db.prisma.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
    expect(await m.session.getSessionUser()).toBeNull();
    // A token issued after the bump works.
    authMock.session!.sv = 1;
    expect(await m.session.getSessionUser()).toMatchObject({ id: userId });
  });

  it("ends with its session record, and refuses a token naming no record or another user's", async () => {
    await m.db.prisma.authSession.update({
      where: { id: authMock.session!.sid! },
      data: { endedAt: new Date(), endReason: "sign_out" },
    });
    expect(await m.session.getSessionUser()).toBeNull();
    authMock.session!.sid = "made-up";
    expect(await m.session.getSessionUser()).toBeNull();
    delete authMock.session!.sid;
    expect(await m.session.getSessionUser()).toBeNull();
  });

  it("refuses a token without a session version and a deleted user", async () => {
    delete authMock.session!.sv;
    expect(await m.session.getSessionUser()).toBeNull();
    authMock.session!.sv = 0;
    await m.db.prisma.user.delete({ where: { id: userId } });
    expect(await m.session.getSessionUser()).toBeNull();
  });
});

describe("requireRouteRole (route handlers)", () => {
  it("401 JSON when signed out", async () => {
    authMock.session = null;
    const { user, denied } = await m.require.requireRouteRole("viewer");
    expect(user).toBeNull();
    expect(denied?.status).toBe(401);
    expect(await denied?.json()).toEqual({ error: { code: "unauthenticated", message: "Sign in first." } });
  });

  it("403 JSON when the role is too low, the user when it is enough", async () => {
    const r1 = await m.require.requireRouteRole("admin");
    expect(r1.denied?.status).toBe(403);
    expect(await r1.denied?.json()).toEqual({ error: { code: "forbidden", message: "Only an admin can do this." } });
    const r2 = await m.require.requireRouteRole("operator");
    expect(r2.denied?.status).toBe(403);
    const r3 = await m.require.requireRouteRole("viewer");
    expect(r3.denied).toBeNull();
    expect(r3.user?.id).toBe(userId);
  });

  it("admins pass every role", async () => {
    // Roles come from memberships (issue 13); the organisation owner is an admin even with no dealer.
    await m.db.prisma.user.update({ where: { id: userId }, data: { role: "admin", isOwner: true } });
    for (const role of ["viewer", "operator", "admin"] as const)
      expect((await m.require.requireRouteRole(role)).user?.role).toBe("admin");
  });
});

describe("requireRole (pages)", () => {
  const digestOf = async (p: Promise<unknown>) => {
    try {
      await p;
      return "returned";
    } catch (e) {
      return (e as { digest?: string }).digest ?? String(e);
    }
  };

  it("redirects a signed-out visitor to sign-in, remembering the page", async () => {
    authMock.session = null;
    expect(await digestOf(m.require.requireRole("viewer"))).toMatch(
      /^NEXT_REDIRECT;replace;\/sign-in\?callbackUrl=%2Fsettings%3Ftab%3Dusers;307;/,
    );
  });

  it("never remembers a foreign address", async () => {
    authMock.session = null;
    requestPath("//evil.example/x");
    expect(await digestOf(m.require.requireRole("viewer"))).toMatch(/^NEXT_REDIRECT;replace;\/sign-in;307;/);
  });

  it("renders the 403 page for a role that is too low", async () => {
    expect(await digestOf(m.require.requireRole("admin"))).toBe("NEXT_HTTP_ERROR_FALLBACK;403");
  });

  it("returns the user when the role is enough", async () => {
    expect(await m.require.requireRole("viewer")).toMatchObject({ id: userId, role: "viewer" });
  });
});
