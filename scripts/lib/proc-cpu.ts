// CPU time of a process tree from Linux's /proc: `next start` serves from a child process, and the
// machine's load bends CPU time far less than wall time, so tests and benches report it.
import fs from "node:fs";

/** User + system CPU in ms of `root` and every process below it so far; undefined without /proc. */
export function treeCpuMs(root: number): number | undefined {
  if (!fs.existsSync("/proc/self/stat")) return undefined;
  const ticksPerS = Number(process.env.BENCH_CLK_TCK || 100); // USER_HZ: 100 on every Linux this runs on
  const procs = fs
    .readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .flatMap((d) => {
      try {
        // The command name (2nd field) may hold spaces: the fields after its ")" are fixed.
        const stat = fs.readFileSync(`/proc/${d}/stat`, "utf8");
        const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        return [{ pid: Number(d), ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) }];
      } catch {
        return []; // exited meanwhile
      }
    });
  const tree = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of procs)
      if (!tree.has(p.pid) && tree.has(p.ppid)) {
        tree.add(p.pid);
        grew = true;
      }
  }
  return (procs.filter((p) => tree.has(p.pid)).reduce((n, p) => n + p.ticks, 0) * 1000) / ticksPerS;
}

/**
 * User + system CPU in ms of this process's children that have exited and been waited for, with all
 * of theirs (Linux's cutime + cstime): after a child command ends, the difference of two readings is
 * what it and everything it started used (Playwright: its runner, workers and browsers).
 */
export function reapedChildrenCpuMs(): number | undefined {
  if (!fs.existsSync("/proc/self/stat")) return undefined;
  const ticksPerS = Number(process.env.BENCH_CLK_TCK || 100);
  const stat = fs.readFileSync("/proc/self/stat", "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(f[13]) + Number(f[14])) * 1000) / ticksPerS;
}
