// Reads the CSP violation lines the app logged (lib/csp-report.ts) during the e2e stage: any of
// them fails the stage, whichever spec's page caused it. A frame-ancestors report is the browser
// refusing to let another site frame the console — the protection working (auth-csp.spec.ts
// provokes one on purpose) — so it does not count.
import fs from "node:fs";

const TAG = '"at":"csp.violation"';

export function cspViolationsIn(logFile: string): string[] {
  if (!fs.existsSync(logFile)) return [];
  return fs
    .readFileSync(logFile, "utf8")
    .split("\n")
    .filter((line) => line.includes(TAG) && !line.includes("frame-ancestors"))
    .map((line) => line.slice(line.indexOf("{")));
}
