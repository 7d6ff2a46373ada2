// The README's first command as CI runs it on the oldest supported Node: `npm run demo` from this
// checkout until it prints where to sign in, then the sign-in page must answer, then Ctrl-C must
// stop everything it started. `.ci/run` calls it on the machine's Node (20.9+) after the Node 24 pass.
//   node --import tsx scripts/demo-smoke.ts            embedded PostgreSQL, as on a fresh clone
//   DEMO_SMOKE_KEEP_DATABASE_URL=1 …                   the configured DATABASE_URL instead
import { spawn } from "node:child_process";

const LIMIT_MS = Number(process.env.DEMO_SMOKE_TIMEOUT_MS) || 300_000;
const started = Date.now();
const env = { ...process.env };
// A fresh clone has no DATABASE_URL: the demo starts its own PostgreSQL.
if (!process.env.DEMO_SMOKE_KEEP_DATABASE_URL) delete env.DATABASE_URL;

const demo = spawn(process.execPath, ["--import", "tsx", "scripts/demo.ts"], {
  env,
  stdio: ["ignore", "pipe", "pipe"],
});
let output = "";
let up = false;
const exited = new Promise<number | null>((resolve) => demo.on("exit", (code) => resolve(code)));

function fail(message: string): never {
  console.error(`demo smoke: ${message}\n--- demo output ---\n${output.slice(-4000)}`);
  demo.kill("SIGKILL");
  process.exit(1);
}

const url = await new Promise<string>((resolve) => {
  const timer = setTimeout(() => fail(`no "is up" within ${LIMIT_MS / 1000} s`), LIMIT_MS);
  const read = (chunk: Buffer) => {
    output += chunk.toString();
    const open = /is up in [\d.]+ s[\s\S]*?Open\s+(\S+)/.exec(output);
    if (open) {
      clearTimeout(timer);
      up = true;
      resolve(open[1]!);
    }
  };
  demo.stdout.on("data", read);
  demo.stderr.on("data", read);
  void exited.then((code) => {
    if (!up) fail(`npm run demo exited (${code}) before it was up`);
  });
});

// next dev compiles the page on its first visit: allow it the rest of the time limit.
const page = await fetch(`${url}/sign-in`, { signal: AbortSignal.timeout(LIMIT_MS - (Date.now() - started)) });
const html = await page.text();
if (page.status !== 200 || !/Sign in/i.test(html)) fail(`GET ${url}/sign-in answered ${page.status}`);

demo.kill("SIGINT");
const code = await Promise.race([exited, new Promise<"hung">((r) => setTimeout(() => r("hung"), 30_000))]);
if (code === "hung") fail("Ctrl-C did not stop the demo within 30 s");
if (code !== 0) fail(`the demo exited with ${code} after Ctrl-C`);
console.log(
  `demo smoke: up, ${url}/sign-in answered 200, stopped cleanly on Node ${process.versions.node} ` +
    `in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
