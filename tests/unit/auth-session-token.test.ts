// lib/auth/session-token.ts: the session cookie's claims decoded as next-auth issues them, once per
// cookie value, never for a token another secret or another cookie name made, never past exp.
import { describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import {
  cachedClaimsCount,
  sessionClaims,
  sessionCookieName,
  sessionTokenFrom,
  usesSecureCookie,
} from "@/lib/auth/session-token";

const secret = "unit-test-secret-0123456789abcdef0123456789";
const salt = sessionCookieName(false);
const claims = { uid: "user-1", sid: "session-1", sv: 3 };

describe("sessionClaims", () => {
  it("decodes the claims next-auth put in the cookie, and answers a repeat from memory", async () => {
    const token = await encode({ token: { ...claims, name: "Ann", email: "ann@example.com" }, secret, salt });
    const before = cachedClaimsCount();
    expect(await sessionClaims(token, secret, salt)).toEqual(claims);
    expect(cachedClaimsCount()).toBe(before + 1);
    expect(await sessionClaims(token, secret, salt)).toEqual(claims);
    expect(cachedClaimsCount()).toBe(before + 1);
  });

  it("refuses a token of another secret, another cookie name, or one tampered with", async () => {
    const token = await encode({ token: claims, secret, salt });
    expect(await sessionClaims(token, "another-secret-0123456789abcdef0123456789", salt)).toBeNull();
    expect(await sessionClaims(token, secret, sessionCookieName(true))).toBeNull();
    const parts = token.split(".");
    parts[3] = parts[3]!.slice(0, -2) + (parts[3]!.endsWith("AA") ? "BB" : "AA");
    expect(await sessionClaims(parts.join("."), secret, salt)).toBeNull();
    expect(await sessionClaims("not-a-jwt", secret, salt)).toBeNull();
  });

  it("refuses an expired token", async () => {
    const expired = await encode({ token: claims, secret, salt, maxAge: -60 });
    expect(await sessionClaims(expired, secret, salt)).toBeNull();
  });

  it("leaves out claims of the wrong type", async () => {
    const token = await encode({ token: { uid: 5, sid: "s", sv: "3" }, secret, salt });
    expect(await sessionClaims(token, secret, salt)).toEqual({ uid: undefined, sid: "s", sv: undefined });
  });
});

describe("the cookie", () => {
  it("is named as next-auth names it: __Secure- over https", () => {
    const h = new Headers();
    expect(usesSecureCookie(h, { AUTH_URL: "https://console.example.com" })).toBe(true);
    expect(usesSecureCookie(h, { AUTH_URL: "http://localhost:3000" })).toBe(false);
    expect(usesSecureCookie(new Headers({ "x-forwarded-proto": "http" }), {})).toBe(false);
    expect(usesSecureCookie(h, {})).toBe(true);
    expect(sessionCookieName(true)).toBe("__Secure-authjs.session-token");
  });

  it("is read whole, or from its chunks in order", () => {
    const name = sessionCookieName(false);
    expect(
      sessionTokenFrom(
        [
          { name: "other", value: "x" },
          { name, value: "abc" },
        ],
        name,
      ),
    ).toBe("abc");
    expect(
      sessionTokenFrom(
        [
          { name: `${name}.1`, value: "def" },
          { name: `${name}.0`, value: "abc" },
          { name: `${name}.x`, value: "zz" },
        ],
        name,
      ),
    ).toBe("abcdef");
    expect(sessionTokenFrom([{ name: "other", value: "x" }], name)).toBeNull();
    expect(sessionTokenFrom([{ name, value: "" }], name)).toBeNull();
  });
});
