import { describe, expect, it } from "vitest";
import { errorText } from "@/lib/error-text";

describe("errorText", () => {
  it("reads an Error's message, of any Error subclass", () => {
    expect(errorText(new Error("boom"))).toBe("boom");
    expect(errorText(new TypeError("fetch failed"))).toBe("fetch failed");
    expect(errorText(new DOMException("This operation was aborted", "AbortError"))).toBe("This operation was aborted");
  });

  it("names an Error without a message, or lists an AggregateError's reasons", () => {
    expect(errorText(new RangeError())).toBe("RangeError");
    const refused = new AggregateError([new Error("connect ECONNREFUSED ::1:5432"), "127.0.0.1 refused"]);
    expect(errorText(refused)).toBe("connect ECONNREFUSED ::1:5432; 127.0.0.1 refused");
    expect(errorText(new AggregateError([]))).toBe("AggregateError");
    expect(errorText(new AggregateError([new Error("a")], "all failed"))).toBe("all failed");
  });

  it("says what String() says for a primitive, null and undefined included", () => {
    expect(errorText("plain text")).toBe("plain text");
    expect(errorText(42)).toBe("42");
    expect(errorText(10n)).toBe("10");
    expect(errorText(null)).toBe("null");
    expect(errorText(undefined)).toBe("undefined");
    expect(errorText(Symbol("gone"))).toBe("Symbol(gone)");
  });

  it("reads an error-shaped object's message and shows any other object as JSON", () => {
    expect(errorText({ message: "from another realm", code: "E1" })).toBe("from another realm");
    expect(errorText({ message: "", status: 500 })).toBe('{"message":"","status":500}');
    expect(errorText({ status: 503, code: "busy" })).toBe('{"status":503,"code":"busy"}');
    expect(errorText(Object.assign(Object.create(null), { a: 1 }))).toBe('{"a":1}');
    expect(errorText(["a", 1])).toBe("a,1");
    expect(errorText({ toString: () => "custom text" })).toBe("custom text");
  });

  it("never throws, even on values JSON cannot write", () => {
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    expect(errorText(cyclic)).toBe("[object Object]");
    expect(errorText({ big: 1n })).toBe("[object Object]");
    expect(errorText(Object.create(null))).toBe("{}");
  });
});
