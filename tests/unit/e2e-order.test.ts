// E2E_ORDER (scripts/lib/e2e-order.ts): what it accepts, and that an order is a repeatable permutation.
import { describe, expect, it } from "vitest";
import { describeOrder, orderTargets, parseE2eOrder } from "../../scripts/lib/e2e-order";

const tests = Array.from({ length: 20 }, (_, i) => `t${i}`);

describe("E2E_ORDER", () => {
  it("reads reverse and seed numbers, nothing when unset, and refuses anything else by name", () => {
    expect(parseE2eOrder(undefined)).toBeUndefined();
    expect(parseE2eOrder("")).toBeUndefined();
    expect(parseE2eOrder("reverse")).toEqual({ kind: "reverse" });
    expect(parseE2eOrder("7")).toEqual({ kind: "seeded", seed: 7 });
    expect(() => parseE2eOrder("random")).toThrow('E2E_ORDER must be "reverse" or a seed number, not "random"');
    expect(() => parseE2eOrder("-3")).toThrow(/not "-3"/);
    expect(describeOrder({ kind: "seeded", seed: 7 })).toBe("shuffled with seed 7");
  });

  it("reverse puts the last test first and leaves the list it was given alone", () => {
    const given = [...tests];
    expect(orderTargets(given, { kind: "reverse" })).toEqual([...tests].reverse());
    expect(given).toEqual(tests);
  });

  it("a seed gives the same order every time, another seed another order, and never loses or repeats a test", () => {
    const seven = orderTargets(tests, { kind: "seeded", seed: 7 });
    expect(orderTargets(tests, { kind: "seeded", seed: 7 })).toEqual(seven);
    expect(seven).not.toEqual(tests);
    expect(orderTargets(tests, { kind: "seeded", seed: 11 })).not.toEqual(seven);
    expect([...seven].sort()).toEqual([...tests].sort());
  });
});
