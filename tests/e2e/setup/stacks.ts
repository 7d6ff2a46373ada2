// npm test (scripts/test.ts) can start several e2e stacks, each an app, a simulator and a seeded database
// of its own, and run one Playwright worker a stack. Playwright loads playwright.config.ts in every worker
// process with TEST_PARALLEL_INDEX set (the same for a worker restarted after a failure), so the config
// hands each worker its stack's addresses in process.env, where the specs read them as with one stack.
import { z } from "zod";

/** The variable that carries every stack's addresses, as JSON. */
export const E2E_STACKS = "E2E_STACKS";

const stackEnvSchema = z.object({
  E2E_BASE_URL: z.url(),
  E2E_SIM_URL: z.url(),
  E2E_SIM_ADMIN_TOKEN: z.string().min(1),
  E2E_DATABASE_URL: z.string().min(1),
});
/** One stack's addresses. */
export type StackEnv = z.infer<typeof stackEnvSchema>;

/**
 * Puts this worker's stack into `env` and says how many stacks there are (the worker count). Playwright's
 * runner, which has no parallel index, gets the first. Without E2E_STACKS `env` is left as it is: one stack.
 */
export function takeWorkersStack(env: Record<string, string | undefined> = process.env): number {
  const raw = env[E2E_STACKS];
  if (!raw) return 1;
  const stacks = z.array(stackEnvSchema).min(1).parse(JSON.parse(raw));
  const index = Number(env.TEST_PARALLEL_INDEX ?? 0);
  const mine = stacks[index];
  if (!mine) throw new Error(`${E2E_STACKS} has ${stacks.length} stack(s); no stack for worker ${index}`);
  Object.assign(env, mine);
  return stacks.length;
}
