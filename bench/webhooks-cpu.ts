// CPU time per webhook event, which the machine's load bends far less than events/s: for our
// receiver and the verify-only baseline, each served by bench/webhooks-instance.ts in its own
// process, the receiver process's utime+stime (/proc/<pid>/stat) and the Postgres backends' (every
// backend connected to the bench database) over the same number of events, per event. Receivers
// take turns within each round, in alternating order, so drifts of the machine hit them alike.
// Run: npx tsx bench/webhooks-cpu.ts [events=2000] [rounds=3]
// Env: DATABASE_URL (admin URL of the server); WEBHOOK_CPU_B_ROOT=<another checkout> adds our
// receiver as that checkout has it (an A/B in one run; the schema is this checkout's migrations);
// WEBHOOK_CPU_PROF_DIR writes --cpu-prof profiles of both receivers there (profiling costs CPU
// itself: don't read the µs figures of that run).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { dropDatabase } from "../scripts/lib/postgres";
import { KEY, SECRET, drive, makeEvents, receiverWorld } from "./webhooks-ingest";
import { startInstance } from "./webhooks-support";

const TICK_US = 1e6 / 100; // USER_HZ is 100 on Linux

/** utime + stime of a process (all its threads), in µs. */
function cpuUs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_US;
  } catch {
    return 0; // gone (a pooled backend closed): its time until then is lost, which only under-counts
  }
}

async function main() {
  const events = Number(process.argv[2] ?? 2000);
  const rounds = Number(process.argv[3] ?? 3);
  const { admin, dbName, sql, env, stops } = await receiverWorld("chekt_hooks_cpu");
  try {
    const profDir = process.env.WEBHOOK_CPU_PROF_DIR;
    const prof = (name: string) =>
      profDir ? ["--cpu-prof", `--cpu-prof-dir=${profDir}/${name}`, "--cpu-prof-interval=200"] : [];
    const bRoot = process.env.WEBHOOK_CPU_B_ROOT;
    const receivers = [
      {
        name: "verify-only",
        inst: await startInstance({ ...env, BENCH_RECEIVER: "verify-only", BENCH_SECRET: SECRET }, prof("verify-only")),
      },
      { name: "ours", inst: await startInstance(env, prof("ours")) },
      ...(bRoot ? [{ name: `ours@${bRoot}`, inst: await startInstance(env, [], bRoot) }] : []),
    ];
    for (const r of receivers) stops.push(() => r.inst.stop());
    const backends = async () =>
      (
        await sql.query<{ pid: number }>(
          "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
        )
      ).rows.map((r) => r.pid);
    const pgCpu = (pids: number[]) => pids.reduce((s, p) => s + cpuUs(p), 0);

    const warm = makeEvents(400, "warm").map((e) => JSON.stringify(e));
    for (const r of receivers) await drive(`${r.inst.url}/api/webhooks/chekt/${KEY}`, warm, 8);
    const node = new Map<string, number[]>(receivers.map((r) => [r.name, []]));
    const postgres = new Map<string, number[]>(receivers.map((r) => [r.name, []]));
    for (let round = 0; round < rounds; round++) {
      // Each receiver its own fresh event ids, so none meets another's rows as duplicates.
      for (const r of round % 2 ? [...receivers].reverse() : receivers) {
        const bodies = makeEvents(events, randomBytes(3).toString("hex")).map((e) => JSON.stringify(e));
        const pids = await backends();
        const p0 = pgCpu(pids);
        const t0 = cpuUs(r.inst.child.pid!);
        const run = await drive(`${r.inst.url}/api/webhooks/chekt/${KEY}`, bodies, 32);
        const nodeUs = (cpuUs(r.inst.child.pid!) - t0) / events;
        // Every backend of the bench database, before and after (one opened meanwhile counts from 0).
        const pgUs = (pgCpu(await backends()) - p0) / events;
        node.get(r.name)!.push(nodeUs);
        postgres.get(r.name)!.push(pgUs);
        console.log(
          `round ${round + 1} ${r.name}: ${Math.round(nodeUs)} µs/event in Node + ${Math.round(pgUs)} µs in ` +
            `Postgres (${Math.round(run.perS)} ev/s, non-200 ${run.bad})`,
        );
      }
    }
    const med = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    for (const r of receivers)
      console.log(
        `median ${r.name}: ${Math.round(med(node.get(r.name)!))} µs/event in Node + ` +
          `${Math.round(med(postgres.get(r.name)!))} µs in Postgres`,
      );
  } finally {
    for (const s of stops.reverse()) await Promise.resolve(s()).catch(() => undefined);
    await dropDatabase(admin, dbName).catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
