// The world of one integration file: started in the file's beforeAll, closed in its afterAll, and its parts read
// through getters, so a file neither declares the parts itself nor finds one `undefined` when it reads it too early
// (it throws instead). desk-file.ts and sim-file.ts build their worlds on it.
import { afterAll, beforeAll } from "vitest";

export type FileWorld<W, K extends keyof W> = {
  /** The parts named, each a getter reading the started world. */
  parts: Pick<W, K>;
  /** The started world; throws when read before the beforeAll started it. */
  started: () => W;
};

export function fileWorld<W extends object, K extends keyof W>(
  what: string,
  start: () => Promise<W>,
  close: (world: W | undefined) => Promise<unknown>,
  keys: readonly K[],
): FileWorld<W, K> {
  let world: W | undefined;
  beforeAll(async () => {
    world = await start();
  }, 120_000);
  afterAll(() => close(world));
  const started = (): W => {
    if (!world) throw new Error(`the ${what} is read before its beforeAll started it`);
    return world;
  };
  const parts: Partial<Pick<W, K>> = {};
  for (const key of keys) Object.defineProperty(parts, key, { enumerable: true, get: () => started()[key] });
  return { parts: parts as Pick<W, K>, started };
}
