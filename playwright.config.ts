// End-to-end tests in Debian's Chromium (no browser download on this network). `npm test`
// (scripts/test.ts) builds the app, starts the simulator and `next start` on free ports with a
// fresh seeded database, and passes their addresses and the test users through E2E_* variables;
// specs read them through tests/e2e/setup.
import { defineConfig } from "@playwright/test";
import { chromiumLaunchOptions } from "./scripts/lib/chromium";
import { takeWorkersStack } from "./tests/e2e/setup/stacks";

process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = "1";
// One worker a stack; in a worker, this worker's stack's addresses (tests/e2e/setup/stacks.ts).
const stacks = takeWorkersStack();

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.spec.ts",
  // One worker a stack: the files of one worker run one after another and share its seeded database.
  workers: stacks,
  fullyParallel: false,
  retries: 0,
  // Generous on purpose: the machine is often shared (two cores, other builds and suites running),
  // where a sign-in or a server render can take seconds; a passing test does not wait any longer.
  timeout: 180_000,
  expect: { timeout: 15_000 },
  outputDir: "test-results",
  reporter: process.env.CI ? "line" : "list",
  use: {
    baseURL: process.env.E2E_BASE_URL,
    browserName: "chromium",
    headless: true,
    // Every test records a trace, kept only when it fails. Its screencast (a JPEG per frame) cost the
    // browser about a sixth of its CPU on two cores (43 -> 36 s over 13 specs); the failure screenshot,
    // DOM snapshots, network and console stay, which is what a failed CI run is read from.
    trace: { mode: "retain-on-failure", screenshots: false },
    screenshot: "only-on-failure",
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    launchOptions: chromiumLaunchOptions,
  },
});
