// The parts of Playwright's JSON report that scripts/test.ts reads: the listing E2E_ORDER runs from
// (scripts/lib/e2e-order.ts) and the names of the tests a run failed.
import path from "node:path";
import { repoRoot } from "./env";

export type ReportTest = { status: "expected" | "unexpected" | "flaky" | "skipped" };
export type ReportSpec = { title: string; file: string; line: number; tests?: ReportTest[] };
export type ReportSuite = { title: string; specs?: ReportSpec[]; suites?: ReportSuite[] };
export type Report = {
  config: { rootDir: string };
  suites?: ReportSuite[];
  errors?: Array<{ message?: string }>;
};

export type ListedSpec = ReportSpec & { titlePath: string[] };

/** Every spec of the report, in the written order, with the titles of the suites around it. */
export function specsOf(report: Report): ListedSpec[] {
  const walk = (suite: ReportSuite, parents: string[]): ListedSpec[] => {
    const trail = [...parents, suite.title];
    const own = (suite.specs ?? []).map((s) => ({ ...s, titlePath: [...trail, s.title] }));
    return [...own, ...(suite.suites ?? []).flatMap((child) => walk(child, trail))];
  };
  return (report.suites ?? []).flatMap((s) => walk(s, []));
}

/** The spec's file from the repository's root (the report names it from the test folder). */
export function specFile(report: Report, spec: ReportSpec): string {
  return path.relative(repoRoot, path.join(report.config.rootDir, spec.file));
}

/** `file:line  title › path` of each test that failed after its retries, and any error outside a test. */
export function playwrightFailures(report: Report): string[] {
  const tests = specsOf(report)
    .filter((spec) => (spec.tests ?? []).some((t) => t.status === "unexpected"))
    // The outermost suite is the file itself, named already.
    .map((spec) => `${specFile(report, spec)}:${spec.line}  ${spec.titlePath.slice(1).filter(Boolean).join(" › ")}`);
  const outside = (report.errors ?? []).map((e) => `outside any test: ${(e.message ?? "error").split("\n")[0]}`);
  return [...tests, ...outside];
}
