// `next/headers` whose cookie jar carries a REAL next-auth session cookie (encrypted with
// AUTH_SECRET, as sign-in issues it) for whatever claims the test holds right now, so
// lib/auth/session.ts decodes it exactly as in production:
//   const authMock = vi.hoisted(() => ({ session: null as MockSession | null }));
//   vi.mock("next/headers", () =>
//     import("../support/session-cookie").then((m) => m.nextHeadersWith(() => authMock.session)),
//   );
// The claims are read at each cookies() call, so a test may change them between calls.
import { encode } from "next-auth/jwt";
import { sessionCookieName, usesSecureCookie } from "@/lib/auth/session-token";
import * as base from "./next-headers";

/** What a test says the cookie claims: next-auth's session shape (user.id = uid, sv, sid). */
export type MockSession = { user: { id: string }; sv?: number; sid?: string; expires?: string };

export function nextHeadersWith(current: () => MockSession | null) {
  return {
    ...base,
    async cookies() {
      const store = await base.cookies();
      const s = current();
      const name = sessionCookieName(usesSecureCookie(base.requestHeaders.current, process.env));
      if (!s) return { ...store, getAll: () => store.getAll().filter((c) => c.name !== name) };
      const token = await encode({
        token: { uid: s.user.id, sid: s.sid, sv: s.sv },
        secret: process.env.AUTH_SECRET!,
        salt: name,
      });
      return { ...store, getAll: () => [...store.getAll().filter((c) => c.name !== name), { name, value: token }] };
    },
  };
}
