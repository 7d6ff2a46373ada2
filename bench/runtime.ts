// The benches measure the runtime production is meant to run on: Node 24 LTS (README, "Supported
// Node versions"). On an older `node` (the machines' Node 20, end of life since April 2026), run.ts
// starts itself again under the registry's `node@24` package, whose binary `npx` puts first on PATH,
// so `next start`, the simulator and every child the benches spawn run on it too. The same code served
// a server action in 21.8 ms over the direct CHeKT call on Node 20 and 14.8 ms on Node 24 (quiet box,
// docs/operations.md "Seventh round: lead"): a bench on the old runtime would measure the runtime.
// BENCH_NODE=current measures whatever `node` is (to compare runtimes); BENCH_NODE=<major> picks another.
import { spawn } from "node:child_process";

const wanted = process.env.BENCH_NODE || "24";

/** Whether this process already runs on the runtime the benches measure. */
export function onBenchRuntime(): boolean {
  return wanted === "current" || process.versions.node.split(".")[0] === wanted;
}

const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/** Runs `bench/run.ts <args>` again under Node `wanted`; resolves with its exit code. */
export function rerunOnBenchRuntime(args: string[]): Promise<number> {
  console.log(`bench: node ${process.version} here; running the benches on Node ${wanted} (BENCH_NODE=current: no)`);
  const command = ["node", "--import", "tsx", "bench/run.ts", ...args].map(quote).join(" ");
  const child = spawn("npx", ["-y", "-p", `node@${wanted}`, "-c", command], {
    stdio: "inherit",
    // Chosen once: the child must not look for yet another runtime if npx hands it a different major.
    env: { ...process.env, BENCH_NODE: "current" },
  });
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}
