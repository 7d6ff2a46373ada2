// The part of the auth setup that is safe anywhere (proxy included): no database, no bcrypt.
// lib/auth/index.ts adds the credentials provider that needs both.
import type { NextAuthConfig } from "next-auth";
import type { Role } from "@/lib/roles";
import { sessionPolicy } from "./policy";

declare module "next-auth" {
  interface User {
    role?: Role;
    sessionVersion?: number;
    /** auth_sessions.id created at sign-in (lib/auth/sessions.ts). */
    sessionId?: string;
  }
  interface Session {
    user: { id: string; name: string; email: string; role: Role };
    /** users.session_version the token was issued with (not a secret: the JWT is signed). */
    sv?: number;
    /** The server-side session record this cookie names. */
    sid?: string;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    uid?: string;
    role?: Role;
    /** users.session_version when the token was issued; a bump ends the session. */
    sv?: number;
    /** auth_sessions.id: ending that row ends this cookie's session. */
    sid?: string;
  }
}

/** Paths reachable without a session. Everything else goes through sign-in. */
export function isPublicPath(pathname: string): boolean {
  return (
    pathname === "/sign-in" ||
    pathname.startsWith("/sign-in/") ||
    pathname === "/api/health" ||
    pathname === "/api/csp-report" ||
    pathname.startsWith("/api/auth/") ||
    pathname === "/api/auth" ||
    pathname.startsWith("/api/webhooks/")
  );
}

/** The cookie lives as long as the absolute lifetime; idle time and ending are checked server-side. */
export const SESSION_MAX_AGE_S = Math.ceil(sessionPolicy().absoluteMs / 1000);

export const authConfig = {
  // AUTH_SECRET comes from the environment (validated in lib/env); AUTH_TRUST_HOST too.
  secret: process.env.AUTH_SECRET,
  trustHost: process.env.AUTH_TRUST_HOST !== "false",
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: "/sign-in" },
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      // `user` is only present right after sign-in: copy what the session needs into the token.
      if (user) {
        token.uid = user.id;
        token.role = user.role;
        token.sv = user.sessionVersion;
        token.sid = user.sessionId;
      }
      return token;
    },
    session({ session, token }) {
      // getSessionUser() compares sv with the database on every request.
      if (token.uid) session.user.id = token.uid;
      if (token.role) session.user.role = token.role;
      if (typeof token.sv === "number") session.sv = token.sv;
      if (token.sid) session.sid = token.sid;
      return session;
    },
    redirect({ url, baseUrl }) {
      // Only our own origin; anything else lands on the dashboard.
      if (url.startsWith("/") && !url.startsWith("//")) return `${baseUrl}${url}`;
      try {
        if (new URL(url).origin === baseUrl) return url;
      } catch {
        /* not a URL */
      }
      return baseUrl;
    },
  },
} satisfies NextAuthConfig;
