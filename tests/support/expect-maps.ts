// "These functions map these inputs to these outputs", stated once as a table and a list of the functions
// that must agree on it; a failure names the function and the input it got wrong.
import { expect } from "vitest";

/** Each of `fns` maps each input of `cases` to its output, by `toBe`. */
export function expectMaps<I, O>(fns: ReadonlyArray<(input: I) => O>, cases: ReadonlyArray<readonly [I, O]>) {
  for (const [input, output] of cases)
    for (const fn of fns) expect(fn(input), `${fn.name}(${JSON.stringify(input)})`).toBe(output);
}
