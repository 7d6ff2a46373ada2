import { describe, expect, it } from "vitest";
import { E2E_STACKS, takeWorkersStack, type StackEnv } from "../e2e/setup/stacks";

const stack = (n: number): StackEnv => ({
  E2E_BASE_URL: `http://localhost:${3000 + n}`,
  E2E_SIM_URL: `http://localhost:${4000 + n}`,
  E2E_SIM_ADMIN_TOKEN: `token-${n}`,
  E2E_DATABASE_URL: `postgres://postgres@127.0.0.1:5432/e2e${n}`,
});

describe("each Playwright worker takes its own e2e stack", () => {
  it("without E2E_STACKS the environment stays as it is: one stack", () => {
    const env = { E2E_BASE_URL: "http://localhost:1" };
    expect(takeWorkersStack(env)).toBe(1);
    expect(env).toEqual({ E2E_BASE_URL: "http://localhost:1" });
  });

  it("a worker gets the stack of its parallel index; Playwright's runner (no index) the first", () => {
    const stacks = JSON.stringify([stack(1), stack(2)]);
    const second: Record<string, string> = { [E2E_STACKS]: stacks, TEST_PARALLEL_INDEX: "1", ...stack(1) };
    expect(takeWorkersStack(second)).toBe(2);
    expect(second).toMatchObject(stack(2));
    const runner: Record<string, string> = { [E2E_STACKS]: stacks };
    expect(takeWorkersStack(runner)).toBe(2);
    expect(runner).toMatchObject(stack(1));
  });

  it("a worker with no stack of its own, or a malformed list, stops the run with a message", () => {
    const one = JSON.stringify([stack(1)]);
    expect(() => takeWorkersStack({ [E2E_STACKS]: one, TEST_PARALLEL_INDEX: "1" })).toThrow(
      "E2E_STACKS has 1 stack(s); no stack for worker 1",
    );
    expect(() => takeWorkersStack({ [E2E_STACKS]: "[]" })).toThrow();
    expect(() => takeWorkersStack({ [E2E_STACKS]: JSON.stringify([{ E2E_BASE_URL: "nope" }]) })).toThrow();
    expect(() => takeWorkersStack({ [E2E_STACKS]: "not json" })).toThrow();
  });
});
