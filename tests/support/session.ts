// A stand-in session source: the signed-in user is whatever the test puts in `session.user`.
//   vi.mock("@/lib/auth/session", () => import("../support/session"));
// The user needs a users row and a membership of the dealer it works on (see members.ts). It answers
// every export of lib/auth/session.ts, so code gaining a call to one of them keeps working here.
export type TestUser = { id: string; email: string; name: string; role: "viewer" | "operator" | "admin" };

/** `mustEnrol`: the user still owes two-factor setup (getSessionUser then answers null, as the real one does). */
export const session: { user: TestUser | null; mustEnrol: boolean; sessionId: string | null } = {
  user: null,
  mustEnrol: false,
  sessionId: null,
};

export async function getSessionUser(): Promise<TestUser | null> {
  return session.user && !session.mustEnrol ? session.user : null;
}

export async function getEnrolmentUser(): Promise<{ user: TestUser; mustEnrol: boolean } | null> {
  return session.user ? { user: session.user, mustEnrol: session.mustEnrol } : null;
}

export async function currentSessionId(): Promise<string | null> {
  return session.user ? session.sessionId : null;
}
