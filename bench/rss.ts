// Resident memory of a process and everything it started (`next start` forks its server into a
// child; the figure that matters is the whole tree). Linux only: reads /proc.
import fs from "node:fs";

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/<pid>/stat is the parent pid; the command name (field 2) may hold spaces, so split after ")".
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

function rssKb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** RSS in MB of `pid` plus all its descendants, and how many processes that was. */
export function treeRssMb(pid: number): { mb: number; processes: number } {
  const seen = new Set<number>();
  const stack = [pid];
  let kb = 0;
  while (stack.length) {
    const p = stack.pop()!;
    if (seen.has(p)) continue;
    seen.add(p);
    kb += rssKb(p);
    stack.push(...childrenOf(p));
  }
  return { mb: Math.round((kb / 1024) * 10) / 10, processes: seen.size };
}
