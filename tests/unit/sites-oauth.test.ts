import { createHash } from "node:crypto";
import "../support/no-postgres";
import { describe, expect, it, vi } from "vitest";
import {
  authorizeUrl,
  beginConnect,
  callbackUrl,
  newPkce,
  openPending,
  sameState,
  sealPending,
} from "@/lib/chekt/api/oauth";

const pending = {
  state: "s".repeat(32),
  verifier: "v".repeat(43),
  external_dealer_id: "coastal-guard",
  company_name: "Coastal Guard",
  userId: "u1",
};

describe("connecting a dealer: PKCE, state and the sealed cookie", () => {
  it("makes an S256 challenge CHeKT can check against the verifier", () => {
    const { verifier, challenge } = newPkce();
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(challenge).toBe(createHash("sha256").update(verifier).digest("base64url"));
    expect(newPkce().verifier).not.toBe(verifier);
  });
  it("sends the admin to CHeKT's approval page with everything the flow needs", () => {
    const url = new URL(authorizeUrl({ state: "abc", challenge: "x".repeat(43) }));
    expect(url.pathname).toBe("/oauth/authorize");
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: "code",
      code_challenge_method: "S256",
      state: "abc",
      redirect_uri: callbackUrl(),
    });
    expect(callbackUrl()).toMatch(/\/api\/dealers\/callback$/);
  });
  it("begins a connect: the approval page's state and challenge are the sealed cookie's own", () => {
    const { url, cookie } = beginConnect({
      external_dealer_id: "coastal-guard",
      company_name: "Coastal Guard",
      userId: "u1",
    });
    const params = new URL(url).searchParams;
    const sealed = openPending(cookie.value);
    expect(sealed).toMatchObject({ external_dealer_id: "coastal-guard", company_name: "Coastal Guard", userId: "u1" });
    expect(params.get("state")).toBe(sealed?.state);
    expect(params.get("code_challenge")).toBe(createHash("sha256").update(sealed!.verifier).digest("base64url"));
    expect(cookie).toMatchObject({
      name: "chekt_connect",
      options: { httpOnly: true, sameSite: "lax", path: "/api/dealers", maxAge: 600 },
    });
    expect(beginConnect({ external_dealer_id: "x", company_name: "X", userId: "u1" }).url).not.toBe(url);
  });
  it("reads back its own cookie and nothing else", () => {
    const sealed = sealPending(pending);
    expect(sealed).not.toContain("coastal");
    expect(openPending(sealed)).toMatchObject(pending);
    const [v, iv, tag, body] = sealed.split(".");
    const flipped = body!.slice(0, -2) + (body!.endsWith("AA") ? "BB" : "AA");
    expect(openPending([v, iv, tag, flipped].join("."))).toBeNull();
    expect(openPending(undefined)).toBeNull();
    expect(openPending("garbage")).toBeNull();
  });
  it("expires after ten minutes", () => {
    vi.useFakeTimers();
    try {
      const sealed = sealPending(pending);
      vi.advanceTimersByTime(9 * 60_000);
      expect(openPending(sealed)).not.toBeNull();
      vi.advanceTimersByTime(2 * 60_000);
      expect(openPending(sealed)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
  it("compares states exactly", () => {
    expect(sameState("abc", "abc")).toBe(true);
    expect(sameState("abc", "abd")).toBe(false);
    expect(sameState("abc", "abcd")).toBe(false);
  });
});
