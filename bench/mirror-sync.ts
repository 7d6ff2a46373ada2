// The mirror sweep's writes (lib/mirror/pull.ts), measured in this process: the sites phase of a
// first sync (every page of the dealer's sites, then the gone mark) and the children phase for a
// sample of sites (each site's contacts, devices and arming), against the real simulator over HTTP
// and a fresh database. Prints the process's CPU and the Postgres statements per page and per
// site; asserts nothing. Runs unchanged in an older tree (a `git archive` of an earlier commit),
// so two builds can be compared alternately under the same load.
//
//   node --conditions=react-server --import tsx bench/mirror-sync.ts
//
// Env: TEST_PG_ADMIN_URL (or DATABASE_URL) names the Postgres server; BENCH_SITES (2000),
// BENCH_CHILD_SITES (100: sites whose children are read), BENCH_CHILDREN (2 contacts and 2 devices a
// site). The simulator runs in this process: its CPU is in the figure, the same in both builds.
// BENCH_RESULT_FILE: also write the figures there as JSON (bench/run.ts's "mirror-sync" section).
// Then two whole sweeps of the same dealer, counted in CHeKT calls: one incremental run (children of
// childrenPerRun's free-tier default, 150 sites) and one that reads every site's children as every run
// did before (BENCH_SWEEP_RUNS=0 skips them; a tree without incremental sweeps has no such figure).
import fs from "node:fs";
import { parse } from "dotenv";
import pg from "pg";
import { ACME, connectDealerLink } from "../tests/support/dealer-links";
import { closeSimWorld, startSimWorld } from "../tests/support/sim-world";

// The committed defaults for what lib/env needs and is unset (as tests/support/setup-env.ts does).
for (const [key, value] of Object.entries(parse(fs.readFileSync(".env.example"))))
  if (process.env[key] === undefined) process.env[key] = value;

const sites = Number(process.env.BENCH_SITES || 2000);
const childSites = Number(process.env.BENCH_CHILD_SITES || 100);
const children = Number(process.env.BENCH_CHILDREN || 2);

let statements = 0;
let mirrorStatements = 0;
const query = Reflect.get(pg.Client.prototype, "query");
Reflect.set(pg.Client.prototype, "query", function (this: unknown, ...args: unknown[]) {
  const a = args[0];
  const text: unknown = typeof a === "string" ? a : a && typeof a === "object" ? Reflect.get(a, "text") : "";
  statements++;
  if (typeof text === "string" && /\bmirror_(stations|sites|contacts|devices|arming)\b/.test(text)) mirrorStatements++;
  return Reflect.apply(query, this, args);
});

/** CHeKT calls of one sweep run, incremental (`cap` sites' children) and reading every site's children. */
export type MirrorSyncRuns = { sites: number; cap: number; capCalls: number; everyCalls: number; everyWallMs: number };

export type MirrorSyncPhase = {
  name: string;
  units: number;
  cpuMs: number;
  wallMs: number;
  cpuMsPerUnit: number;
  statementsPerUnit: number;
  mirrorStatementsPerUnit: number;
};
const phases: MirrorSyncPhase[] = [];

async function measure(name: string, units: number, unit: string, fn: () => Promise<unknown>) {
  const [s0, m0, c0, t0] = [statements, mirrorStatements, process.cpuUsage(), performance.now()];
  await fn();
  const cpu = process.cpuUsage(c0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const line: MirrorSyncPhase = {
    name,
    units,
    cpuMs: Math.round(cpuMs),
    wallMs: Math.round(performance.now() - t0),
    cpuMsPerUnit: +(cpuMs / units).toFixed(2),
    statementsPerUnit: +((statements - s0) / units).toFixed(2),
    mirrorStatementsPerUnit: +((mirrorStatements - m0) / units).toFixed(2),
  };
  console.log(`${name}: ${JSON.stringify(line)} (per ${unit})`);
  phases.push(line);
  return line;
}

async function main() {
  const world = await startSimWorld("chekt_bench_mirror");
  try {
    const res = await fetch(`${world.sim.url}/_sim/bulk-sites`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ dealer_id: 1, count: sites, devices_per_site: children, contacts_per_site: children }),
    });
    if (!res.ok) throw new Error(`bulk-sites: ${res.status}`);
    const linkId = await connectDealerLink(world.prisma, ACME);
    const scope = { dealerLinkId: linkId, dealerId: 1 };
    const pull = await import("@/lib/mirror/pull");
    const o = { budgetClass: "sync" as const };
    const total = [...world.sim.state.sites.values()].filter((s) => s.dealer_id === 1).length;
    const pages = Math.floor(total / pull.SWEEP_PAGE) + 1;
    await measure(`sites phase, ${total} sites`, pages, "page", () => pull.pullSites(scope, o));
    const ids = (
      await world.prisma.mirrorSite.findMany({
        where: { dealerLinkId: linkId },
        orderBy: { chektId: "asc" },
        take: childSites,
        select: { chektId: true },
      })
    ).map((r) => r.chektId);
    await measure(`children phase, ${ids.length} sites`, ids.length, "site", async () => {
      for (const id of ids) {
        await pull.pullContacts(scope, id, o);
        await pull.pullDevices(scope, id, o);
        await pull.pullArming(scope, id, o);
      }
    });
    // A second read of the same sites: nothing changed in CHeKT (every row confirmed, none rewritten).
    await measure(`sites phase again, unchanged`, pages, "page", () => pull.pullSites(scope, o));
    const runs = process.env.BENCH_SWEEP_RUNS === "0" ? null : await sweepRuns(world.sim.url, scope, total);
    const out = process.env.BENCH_RESULT_FILE;
    if (out) fs.writeFileSync(out, JSON.stringify({ sites: total, childSites: ids.length, phases, runs }, null, 2));
  } finally {
    await closeSimWorld(world);
  }
}

/** CHeKT requests the simulator answered while `fn` ran. */
async function simCalls(simUrl: string, fn: () => Promise<unknown>): Promise<number> {
  await fetch(`${simUrl}/_sim/stats`, { method: "DELETE" });
  await fn();
  const stats: { total: number } = await (await fetch(`${simUrl}/_sim/stats`)).json();
  return stats.total;
}

/** One incremental run, then one that reads every site's children (the sweep before MIRROR_CHILDREN_PER_RUN). */
async function sweepRuns(
  simUrl: string,
  scope: { dealerLinkId: string; dealerId: number },
  sites: number,
): Promise<MirrorSyncRuns | null> {
  const progress: Record<string, unknown> = await import("@/lib/mirror/sweep-progress").catch(() => ({}));
  const perRun = progress.childrenPerRun;
  if (typeof perRun !== "function") return (console.log("no incremental sweep in this tree: runs skipped"), null);
  const { sweepDealer } = await import("@/lib/mirror/sweep");
  const cap = Number(perRun(60, 900));
  const capCalls = await simCalls(simUrl, () => sweepDealer(scope, { childrenPerRun: cap }));
  const t0 = performance.now();
  const everyCalls = await simCalls(simUrl, () => sweepDealer(scope));
  const runs = { sites, cap, capCalls, everyCalls, everyWallMs: Math.round(performance.now() - t0) };
  console.log(`sweep runs: ${JSON.stringify(runs)}`);
  return runs;
}

void main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
