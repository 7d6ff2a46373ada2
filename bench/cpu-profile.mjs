// Sums a V8 CPU profile (`node --cpu-prof`, or the action bench with BENCH_CPU_PROF=<dir>) by where
// the time went: self time per function and per file, and inclusive time for functions whose name
// matches a pattern. A flame graph is the wrong tool on this box: what matters is which module owns
// the milliseconds, summed over hundreds of requests.
//
//   node bench/cpu-profile.mjs <file.cpuprofile> [--top 40] [--match regex]
//                              [--requests requests.jsonl --pick action|page|list] [--path regex]
// --requests: the bench's per-request log (bench/sql-count.mjs; the action bench copies it beside the
// profile); only samples taken while a request of the picked kind was open count, and the sums are
// also given per request. --pick list takes every page view (GET, not an action); --path narrows the
// picked requests to the paths matching a regex (--pick page is --path '^/sites/\d+$'); --outside sums
// the samples taken while none was open instead (the app's background work). The bench sends one
// request at a time, so the samples in a request's window are that request's (and the background's).
import fs from "node:fs";

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith("--") && !/^\d+$/.test(a));
if (!file) {
  console.error("usage: node bench/cpu-profile.mjs <file.cpuprofile> [--top N] [--match regex]");
  process.exit(2);
}
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
};
const top = Number(opt("--top", 40));
const match = opt("--match", null);
const requestsFile = opt("--requests", null);
const pick = opt("--pick", "action");
const outside = args.includes("--outside");
const pathRe = new RegExp(opt("--path", pick === "page" ? "^/sites/\\d+$" : ""));

const profile = JSON.parse(fs.readFileSync(file, "utf8"));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
// Windows of the picked requests on the profile's clock (µs, monotonic: process.hrtime).
let windows = null;
if (requestsFile) {
  windows = fs
    .readFileSync(requestsFile, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    .filter((l) => l.startUs !== undefined && (pick === "action" ? l.action : !l.action && l.method === "GET"))
    .filter((l) => pathRe.test(l.path))
    .map((l) => [l.startUs, l.endUs])
    .sort((a, b) => a[0] - b[0]);
}
let w = 0;
const inWindow = (t) => {
  while (w < windows.length && windows[w][1] < t) w++;
  return w < windows.length && windows[w][0] <= t;
};
// Time per sample: the delta to the next sample (the profile's own clock).
const self = new Map();
let t = profile.startTime;
for (let i = 0; i < profile.samples.length; i++) {
  t += profile.timeDeltas[i] ?? 0;
  if (windows && inWindow(t) === outside) continue;
  const dt = profile.timeDeltas[i + 1] ?? 0;
  self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
}
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const short = (url) =>
  (url || "(native)")
    .replace(/^file:\/\//, "")
    .replace(/.*\/node_modules\//, "nm/")
    .replace(/.*\/\.next[^/]*\//, "dist/");
const fnKey = (n) => `${n.callFrame.functionName || "(anon)"}  ${short(n.callFrame.url)}:${n.callFrame.lineNumber}`;

let total = 0;
let idle = 0;
const perFn = new Map();
const perFile = new Map();
for (const [id, us] of self) {
  const n = byId.get(id);
  total += us;
  if (n.callFrame.functionName === "(idle)") idle += us;
  perFn.set(fnKey(n), (perFn.get(fnKey(n)) ?? 0) + us);
  const f = short(n.callFrame.url);
  perFile.set(f, (perFile.get(f) ?? 0) + us);
}
const ms = (us) => (us / 1000).toFixed(1).padStart(9);
const pct = (us) => `${((100 * us) / Math.max(1, total - idle)).toFixed(1).padStart(5)} %`;
const show = (title, m) => {
  console.log(`\n${title}`);
  for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms(us)} ms ${pct(us)}  ${k}`);
};
console.log(`${file}: ${ms(total)} ms sampled, of it idle ${ms(idle)} ms; busy ${ms(total - idle)} ms (100 %)`);
if (windows && !outside) {
  const each = (total - idle) / 1000 / Math.max(1, windows.length);
  console.log(`${windows.length} ${pick} requests: busy ${each.toFixed(2)} ms each`);
}
show("self time by file", perFile);
show("self time by function", perFn);

if (match) {
  // Inclusive time of every frame whose function or file matches, each sample counted once per match.
  const re = new RegExp(match);
  const incl = new Map();
  for (const [id, us] of self) {
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const k = fnKey(byId.get(cur));
      if (re.test(k) && !seen.has(k)) {
        seen.add(k);
        incl.set(k, (incl.get(k) ?? 0) + us);
      }
    }
  }
  show(`inclusive time of frames matching /${match}/`, incl);
}
