import { describe, expect, it } from "vitest";
import { diffJson } from "@/lib/settings/diff";

describe("diffJson", () => {
  it("marks changed, added, removed and unchanged fields by dotted path", () => {
    const lines = diffJson(
      { name: "A", address: { city: "X", zip: "1" }, gone: 1 },
      { name: "B", address: { city: "X", zip: "1" }, added: [1, 2] },
    );
    expect(lines).toEqual([
      { path: "added", before: undefined, after: [1, 2], change: "added" },
      { path: "address.city", before: "X", after: "X", change: "same" },
      { path: "address.zip", before: "1", after: "1", change: "same" },
      { path: "gone", before: 1, after: undefined, change: "removed" },
      { path: "name", before: "A", after: "B", change: "changed" },
    ]);
  });

  it("handles a create (no before) and a delete (no after)", () => {
    expect(diffJson(null, { a: 1 })).toEqual([{ path: "a", before: undefined, after: 1, change: "added" }]);
    expect(diffJson({ a: 1 }, undefined)).toEqual([{ path: "a", before: 1, after: undefined, change: "removed" }]);
    expect(diffJson(null, null)).toEqual([]);
  });
});
