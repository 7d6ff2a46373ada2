// Three projects, run one after the other by `npm test` (scripts/test.ts):
//   unit         tests/unit          pure logic, parallel
//   integration  tests/integration   real Postgres + the simulator over HTTP, two files at a time
//   faults       tests/faults        failure injection through the simulator, one file at a time
//   bundle       the client-bundle secret scan; needs `next build` first (run after it by npm test)
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));
const bundleScan = "tests/integration/platform-bundle-*.test.ts";
// The tests inside each file run shuffled (files keep their order), so a test that leans on
// what an earlier one left behind fails instead of passing by luck. A seed fixes the order, so a run is
// repeatable: 7 unless TEST_SEED=<n> names another (CI draws one from the tests/ tree, .ci/run),
// TEST_SEED=0 runs each file top to bottom.
const seed = Number(process.env.TEST_SEED ?? 7);

export default defineConfig({
  resolve: {
    alias: [
      // `server-only` throws unless bundled for the react-server condition; tests run server code directly.
      { find: /^server-only$/, replacement: path.join(root, "tests/support/empty.ts") },
      { find: /^@\//, replacement: `${root}/` },
    ],
  },
  test: {
    setupFiles: [path.join(root, "tests/support/setup-env.ts")],
    ...(seed ? { sequence: { shuffle: { files: false, tests: true }, seed } } : {}),
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        // Two files at a time: the files mostly wait on timers, the simulator and Postgres (a load of ~0.6 on two
        // cores one at a time). Each file has its own process (the forks pool, isolated), its own database and
        // simulator on a port the OS picks; the tests inside a file still run one after another.
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          exclude: [bundleScan],
          maxWorkers: 2,
          // Its own group: projects that share a group must share maxWorkers (a whole-tree `vitest run`).
          sequence: { groupOrder: 1 },
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "faults",
          include: ["tests/faults/**/*.test.ts"],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: { name: "bundle", include: [bundleScan], testTimeout: 60_000 },
      },
    ],
  },
});
