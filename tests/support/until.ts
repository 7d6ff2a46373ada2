/**
 * Waits until `ready()` holds, checking every `everyMs`. No deadline of its own: the test's timeout
 * (vitest.config.ts) is the only limit, so a loaded machine makes the test slower, never red.
 * `describe` says what was awaited when that timeout hits first.
 */
export async function until(
  ready: () => boolean | Promise<boolean>,
  describe: () => string = () => "condition",
  everyMs = 20,
): Promise<void> {
  let tries = 0;
  while (!(await ready())) {
    tries += 1;
    if (tries % 500 === 0) console.warn(`[until] still waiting for ${describe()} (${tries} checks)`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
