import { describe, expect, it } from "vitest";
import { checkChange, generateOneTimePassword } from "@/lib/users/rules";
import { randomBytes } from "node:crypto";

const admin = { id: "a1", role: "admin" as const, disabled: false };

describe("checkChange: the last enabled admin stays", () => {
  it("refuses demoting or disabling the last admin, naming yourself when it is you", () => {
    expect(checkChange("a1", admin, { role: "operator" }, 1)?.code).toBe("last_admin");
    expect(checkChange("a1", admin, { role: "operator" }, 1)?.message).toMatch(/You are the last/);
    expect(checkChange("x", admin, { disabled: true }, 1)?.message).toMatch(/This is the last/);
  });

  it("allows it when another enabled admin exists", () => {
    expect(checkChange("a1", admin, { role: "viewer" }, 2)).toBeNull();
    expect(checkChange("x", admin, { disabled: true }, 2)).toBeNull();
  });

  it("refuses disabling yourself even with other admins", () => {
    expect(checkChange("a1", admin, { disabled: true }, 3)?.code).toBe("self_disable");
  });

  it("does not count changes that keep the admin", () => {
    expect(checkChange("a1", admin, { role: "admin" }, 1)).toBeNull();
    expect(checkChange("a1", admin, { disabled: false }, 1)).toBeNull();
    expect(checkChange("a1", { id: "v", role: "viewer", disabled: false }, { disabled: true }, 1)).toBeNull();
  });
});

describe("generateOneTimePassword", () => {
  it("has the asked length and only unambiguous characters", () => {
    const p = generateOneTimePassword((n) => randomBytes(n));
    expect(p).toHaveLength(16);
    expect(p).toMatch(/^[a-km-zA-HJ-NP-Z2-9]+$/);
  });

  it("rejects biased bytes instead of folding them (no modulo bias)", () => {
    // Bytes >= 228 (= 256 - 256 % 57) must be skipped; the next usable byte is taken instead.
    let call = 0;
    const p = generateOneTimePassword(
      (n) => (call++ === 0 ? new Uint8Array(n).fill(250) : new Uint8Array(n).fill(0)),
      4,
    );
    expect(p).toBe("aaaa");
  });
});
