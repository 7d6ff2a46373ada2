// A finding of issue 13 that no other test pinned down (docs/roles.md, "Findings and the tests that
// close them"): the current-password check of a signed-in user was not throttled, so a borrowed
// session could guess the password as fast as it liked. The real action, throttle and Postgres;
// only the session source and the request headers stand in.
import "../support/console-mocks";
import "../support/auth-mocks";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { session } from "../support/session";
import { resetNextHeaders } from "../support/next-headers";

let db: TestDatabase;
const ME = { id: "tf-me", email: "borrowed@dealer-a.test", name: "Borrowed session", role: "viewer" as const };
const RIGHT = "the-right-password-1";

beforeAll(async () => {
  db = await createTestDatabase("chekt_tenancy_findings");
  process.env.DATABASE_URL = db.url;
  const { prisma } = await import("@/lib/db");
  const { hashPassword } = await import("@/lib/auth/password");
  await prisma.user.create({
    data: { id: ME.id, email: ME.email, name: ME.name, role: ME.role, passwordHash: await hashPassword(RIGHT) },
  });
}, 120_000);

afterAll(async () => {
  vi.useRealTimers();
  session.user = null;
  await (await import("@/lib/db")).prisma.$disconnect().catch(() => undefined);
  await db?.drop();
});

describe("the current-password check is throttled like sign-in", () => {
  it("after 5 wrong current passwords even the right one waits, and the password stays as it was", async () => {
    resetNextHeaders();
    session.user = ME;
    // The clock stands still: the throttle's 1 s wait after the fifth guess must not run out while a loaded
    // machine hashes the passwords (only Date is faked; timers and I/O run as usual).
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-02T09:00:00Z") });
    const { changeOwnPasswordAction } = await import("@/actions/account");
    const change = (current: string) =>
      changeOwnPasswordAction({
        currentPassword: current,
        newPassword: "guessed-new-pass-1",
        confirmPassword: "guessed-new-pass-1",
      });
    for (let i = 0; i < 5; i++)
      expect((await change(`wrong-guess-${i}`)).serverError?.code, `guess ${i + 1}`).toBe("wrong_password");
    const sixth = await change(RIGHT);
    expect(sixth.serverError).toMatchObject({
      code: "throttled",
      fieldErrors: { currentPassword: "Too many wrong passwords: wait and try again" },
    });
    expect(sixth.serverError?.message).toMatch(/wait|try again/i);
    const { prisma } = await import("@/lib/db");
    const { verifyPassword } = await import("@/lib/auth/password");
    const row = await prisma.user.findUniqueOrThrow({ where: { id: ME.id } });
    expect(await verifyPassword(RIGHT, row.passwordHash)).toBe(true);
    // Each attempt is in the history: five wrong passwords and the throttled one.
    const audit = await prisma.auditLog.findMany({
      where: { action: "account.change_password", userEmail: ME.email },
      orderBy: { id: "asc" },
    });
    expect(audit.map((r) => r.outcome)).not.toContain("success");
    expect(audit.length).toBeGreaterThanOrEqual(6);
  });
});
