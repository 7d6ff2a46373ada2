// The parts of vitest's JSON report that scripts/test.ts reads: its counts and what failed.
import path from "node:path";
import { repoRoot } from "./env";

type Assertion = { fullName: string; status: string };
type FileResult = { name: string; status: string; message?: string; assertionResults: Assertion[] };
export type VitestReport = { numPassedTests: number; numFailedTests: number; testResults: FileResult[] };

/** A file that failed without running a test (it did not load, or a hook threw) counts as one failure. */
export function vitestCounts(report: VitestReport) {
  const unloaded = report.testResults.filter((f) => f.status === "failed" && f.assertionResults.length === 0);
  return { passed: report.numPassedTests, failed: report.numFailedTests + unloaded.length };
}

/** `file  test name` of each failed test, and `file  (first line of its error)` for a file that failed whole. */
export function vitestFailures(report: VitestReport): string[] {
  return report.testResults.flatMap((file) => {
    const name = path.relative(repoRoot, file.name);
    const tests = file.assertionResults.filter((a) => a.status === "failed").map((a) => `${name}  ${a.fullName}`);
    if (tests.length || file.status !== "failed") return tests;
    return [`${name}  (${(file.message ?? "failed before its tests ran").split("\n")[0]})`];
  });
}
