// E2E_ORDER: the end-to-end tests one Playwright invocation each, in an order other than the written
// one, against the stack scripts/test.ts started once. Playwright itself always runs the files
// alphabetically and each file top to bottom, so a test that leans on what an earlier one made (a
// site, a device, a setting, a lockout) passes there by luck; this order is what shows it.
//   E2E_ORDER=reverse   the last test of the last file first
//   E2E_ORDER=<number>  a shuffle across all files, seeded by the number (the same number, the same order)
import fs from "node:fs";
import { type Report, specFile, specsOf } from "./playwright-report";
import { runToEnd } from "./processes";
import { seededRandom } from "./seeded-random";

export type E2eOrder = { kind: "reverse" } | { kind: "seeded"; seed: number };

/**
 * One test: its spec file, its `file:line` and title path for people, and a --grep matching that
 * title path alone (a loop declares several tests on one line, as pages-tour.spec.ts does).
 */
export type E2eTarget = { file: string; location: string; title: string; grep: string };

export type OrderedRun = { passed: number; failed: number; failures: E2eTarget[] };

/** Reads E2E_ORDER; undefined when unset (Playwright's own order, one invocation). */
export function parseE2eOrder(value: string | undefined): E2eOrder | undefined {
  if (!value) return undefined;
  if (value === "reverse") return { kind: "reverse" };
  if (/^\d+$/.test(value)) return { kind: "seeded", seed: Number(value) };
  throw new Error(`E2E_ORDER must be "reverse" or a seed number, not "${value}"`);
}

export function describeOrder(order: E2eOrder): string {
  return order.kind === "reverse" ? "reverse order" : `shuffled with seed ${order.seed}`;
}

/** The tests Playwright would run (with `grep`), in the written order. */
export async function listTargets(env: NodeJS.ProcessEnv, grep: string | undefined, listFile: string) {
  fs.rmSync(listFile, { force: true });
  const args = ["test", "--list", "--reporter=json", ...(grep ? ["--grep", grep] : [])];
  const code = await runToEnd("e2e-list", "playwright", args, {
    env: { ...env, PLAYWRIGHT_JSON_OUTPUT_FILE: listFile, PLAYWRIGHT_JSON_OUTPUT_NAME: listFile },
    echo: false,
  });
  if (code !== 0 || !fs.existsSync(listFile)) throw new Error(`playwright test --list exited with ${code}`);
  const report: Report = JSON.parse(fs.readFileSync(listFile, "utf8"));
  fs.rmSync(listFile, { force: true });
  if (report.errors?.length) throw new Error(`playwright test --list: ${report.errors[0]?.message ?? "error"}`);
  return specsOf(report).map((spec): E2eTarget => {
    const file = specFile(report, spec);
    // Playwright greps the title path joined by spaces, after the (empty) project's title.
    const exact = spec.titlePath.join(" ").replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const title = spec.titlePath.join(" › ");
    return { file, location: `${file}:${spec.line}`, title, grep: `(^| )${exact}$` };
  });
}

export function orderTargets<T>(targets: T[], order: E2eOrder): T[] {
  if (order.kind === "reverse") return [...targets].reverse();
  const random = seededRandom(order.seed);
  const out = [...targets];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Runs each target as its own `playwright test <file> --grep <its title>`; names every failure at the end. */
export async function runTargetsInOrder(targets: E2eTarget[], env: NodeJS.ProcessEnv): Promise<OrderedRun> {
  const result: OrderedRun = { passed: 0, failed: 0, failures: [] };
  for (const [i, target] of targets.entries()) {
    console.log(`\ne2e ${i + 1}/${targets.length}: ${target.location}  ${target.title}`);
    // The file and the exact title, not file:line: others edit specs in this tree while a long run goes on.
    const args = ["test", target.file, "--grep", target.grep, "--reporter=list"];
    const code = await runToEnd("e2e", "playwright", args, { env });
    if (code === 0) result.passed += 1;
    else {
      result.failed += 1;
      result.failures.push(target);
    }
  }
  console.log(`\ne2e, one invocation per test: ${result.passed} passed, ${result.failed} failed`);
  for (const f of result.failures) console.log(`  failed: ${f.location}  ${f.title}`);
  return result;
}
