import { describe, expect, it } from "vitest";
import { fromKeys, keysOf } from "@/lib/keys-of";

describe("keysOf and fromKeys", () => {
  it("lists a table's own keys in their order", () => {
    expect(keysOf({ b: 1, a: 2, c: 3 })).toEqual(["b", "a", "c"]);
  });

  it("builds one fresh entry per key, made from that key", () => {
    const counts = fromKeys(["site", "contact"] as const, (k) => ({ kind: k, n: 0 }));
    expect(counts).toEqual({ site: { kind: "site", n: 0 }, contact: { kind: "contact", n: 0 } });
    counts.site.n++;
    expect(counts.contact.n).toBe(0);
    expect(Object.keys(fromKeys([], () => 1))).toEqual([]);
  });
});
