// getSessionUser/getEnrolmentUser read the session, its user and the two-factor requirement in one
// SQL round trip (lib/auth/session.ts). These cases pin that query to twoFactorRequiredFor's rules
// (lib/auth/two-factor.ts): a member of a dealer that requires it, the owner when any dealer does,
// never an outsider, never once enrolled. Only next/headers is stubbed (with a real encrypted session cookie).
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { openAuthSession } from "../support/auth-sessions";

const authMock = vi.hoisted(() => ({
  session: null as null | { user: { id: string }; sv?: number; sid?: string; expires: string },
}));
// A real encrypted session cookie carrying authMock.session's claims (tests/support/session-cookie.ts).
vi.mock("next/headers", () =>
  import("../support/session-cookie").then((m) => m.nextHeadersWith(() => authMock.session)),
);

let db: TestDatabase;
let m: {
  prisma: typeof import("@/lib/db").prisma;
  session: typeof import("@/lib/auth/session");
  twoFactorRequiredFor: typeof import("@/lib/auth/two-factor").twoFactorRequiredFor;
};

beforeAll(async () => {
  db = await createTestDatabase("chekt_session_2fa");
  process.env.DATABASE_URL = db.url;
  const [{ prisma }, session, { twoFactorRequiredFor }] = await Promise.all([
    import("@/lib/db"),
    import("@/lib/auth/session"),
    import("@/lib/auth/two-factor"),
  ]);
  m = { prisma, session, twoFactorRequiredFor };
});
afterAll(async () => {
  await m?.prisma.$disconnect();
  await db?.drop();
});

let linkId: string;
beforeEach(async () => {
  await m.prisma.membership.deleteMany();
  await m.prisma.authSession.deleteMany();
  await m.prisma.user.deleteMany();
  await m.prisma.dealerLink.deleteMany();
  linkId = (
    await m.prisma.dealerLink.create({
      data: { chektDealerId: 91, externalDealerId: "tf-91", companyName: "Strict Co", connectedAt: new Date() },
    })
  ).id;
});

async function signedInAs(data: { email: string; isOwner?: boolean; member?: boolean; enrolled?: boolean }) {
  const u = await m.prisma.user.create({
    data: {
      email: data.email,
      name: data.email.split("@")[0]!,
      role: "viewer",
      passwordHash: "x",
      isOwner: data.isOwner ?? false,
      totpEnabledAt: data.enrolled ? new Date() : null,
    },
  });
  if (data.member) await m.prisma.membership.create({ data: { userId: u.id, dealerLinkId: linkId, role: "operator" } });
  authMock.session = { user: { id: u.id }, sv: 0, ...(await openAuthSession(m.prisma, u.id)) };
  return u.id;
}

const requireIt = () => m.prisma.dealerLink.update({ where: { id: linkId }, data: { requireTwoFactor: true } });

describe("the session's two-factor requirement (one query)", () => {
  it("a member of a dealer requiring it enrols first: no user for pages; the enrolment page gets them", async () => {
    const id = await signedInAs({ email: "member@example.com", member: true });
    expect((await m.session.getSessionUser())?.id).toBe(id);
    await requireIt();
    expect(await m.twoFactorRequiredFor(m.prisma, id)).toBe(true);
    expect(await m.session.getSessionUser()).toBeNull();
    expect(await m.session.getEnrolmentUser()).toMatchObject({
      user: { id, email: "member@example.com" },
      mustEnrol: true,
    });
    expect(await m.session.currentSessionId()).toBe(`sid_${id}`);
  });

  it("the owner must enrol when any dealer requires it, member or not", async () => {
    const id = await signedInAs({ email: "owner@example.com", isOwner: true });
    await requireIt();
    expect(await m.twoFactorRequiredFor(m.prisma, id)).toBe(true);
    expect(await m.session.getSessionUser()).toBeNull();
    expect((await m.session.getEnrolmentUser())?.mustEnrol).toBe(true);
  });

  it("someone outside that dealer, or already enrolled, is not held back", async () => {
    await requireIt();
    const outsider = await signedInAs({ email: "outsider@example.com" });
    expect(await m.twoFactorRequiredFor(m.prisma, outsider)).toBe(false);
    expect((await m.session.getSessionUser())?.id).toBe(outsider);
    const enrolled = await signedInAs({ email: "enrolled@example.com", member: true, enrolled: true });
    expect((await m.session.getSessionUser())?.id).toBe(enrolled);
    expect((await m.session.getEnrolmentUser())?.mustEnrol).toBe(false);
  });

  it("an ended or unknown session is nobody, whatever the requirement", async () => {
    const id = await signedInAs({ email: "ended@example.com", member: true });
    await m.prisma.authSession.update({ where: { id: `sid_${id}` }, data: { endedAt: new Date() } });
    expect(await m.session.getEnrolmentUser()).toBeNull();
    authMock.session = {
      user: { id },
      sv: 0,
      sid: "no-such-session",
      expires: new Date(Date.now() + 3600_000).toISOString(),
    };
    expect(await m.session.getEnrolmentUser()).toBeNull();
  });
});
