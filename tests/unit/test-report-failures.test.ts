// The summary of `npm test` names every failed test (scripts/lib/vitest-report.ts,
// scripts/lib/playwright-report.ts): CI may show only a log's tail, where the summary is.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/env";
import { playwrightFailures, type Report } from "../../scripts/lib/playwright-report";
import { vitestCounts, vitestFailures, type VitestReport } from "../../scripts/lib/vitest-report";

const inRepo = (file: string) => path.join(repoRoot, file);

describe("vitest's report", () => {
  const report: VitestReport = {
    numPassedTests: 5,
    numFailedTests: 1,
    testResults: [
      {
        name: inRepo("tests/integration/a.test.ts"),
        status: "failed",
        assertionResults: [
          { fullName: "sites lists a dealer's own", status: "passed" },
          { fullName: "sites refuses another dealer's", status: "failed" },
        ],
      },
      {
        name: inRepo("tests/integration/b.test.ts"),
        status: "failed",
        message: "Cannot find module './gone'\n    at import",
        assertionResults: [],
      },
      { name: inRepo("tests/integration/c.test.ts"), status: "passed", assertionResults: [] },
    ],
  };

  it("counts a file that failed before its tests ran as one failure", () => {
    expect(vitestCounts(report)).toEqual({ passed: 5, failed: 2 });
  });

  it("names each failed test by file and full name, and a failed file by its error's first line", () => {
    expect(vitestFailures(report)).toEqual([
      "tests/integration/a.test.ts  sites refuses another dealer's",
      "tests/integration/b.test.ts  (Cannot find module './gone')",
    ]);
  });
});

describe("Playwright's report", () => {
  const spec = (title: string, line: number, status: "expected" | "unexpected" | "flaky" | "skipped") => ({
    title,
    file: "desk.spec.ts",
    line,
    tests: [{ status }],
  });
  const report: Report = {
    config: { rootDir: inRepo("tests/e2e") },
    suites: [
      {
        title: "desk.spec.ts",
        specs: [spec("answers an alarm", 10, "expected")],
        suites: [
          {
            title: "the queue",
            specs: [spec("sorts critical first", 20, "unexpected"), spec("announces a new alarm", 30, "flaky")],
          },
        ],
      },
    ],
    errors: [{ message: "Error: worker 1 has no stack\n    at takeWorkersStack" }],
  };

  it("names each test that failed after its retries, from the repository's root, and errors outside tests", () => {
    expect(playwrightFailures(report)).toEqual([
      "tests/e2e/desk.spec.ts:20  the queue › sorts critical first",
      "outside any test: Error: worker 1 has no stack",
    ]);
  });
});
