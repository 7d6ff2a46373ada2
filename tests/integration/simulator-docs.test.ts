/**
 * docs/simulator.md promises its curl examples work as printed. This runs every ```bash block of
 * it, in order, in one shell, against a fresh simulator (only the host:port swapped), and fails on
 * a non-zero exit or an error envelope in the output.
 */
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "../../simulator/server";

let s: RunningSimulator;
const DEAD = "http://127.0.0.1:9/hook";
let bin = "";

beforeAll(async () => {
  s = await startSimulator({ port: 0, config: { rateLimitPerMin: 100_000, rateLimitBurstPerS: 10_000 } });
  // Webhooks the examples trigger must not reach an app someone runs on :3000.
  await fetch(`${s.url}/_sim/apps/app_1`, {
    method: "PATCH",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ webhook_url: DEAD }),
  });
  bin = mkdtempSync(path.join(tmpdir(), "sim-docs-"));
  // The page uses `jq -r .field`; a machine without jq gets this small stand-in.
  let hasJq = true;
  try {
    execFileSync("jq", ["--version"]);
  } catch {
    hasJq = false;
  }
  if (!hasJq) {
    writeFileSync(
      path.join(bin, "jq"),
      [
        "#!/usr/bin/env node",
        'const f=process.argv[process.argv.length-1].replace(/^\\./,"");let d="";',
        'process.stdin.on("data",c=>d+=c).on("end",()=>console.log(JSON.parse(d)[f]));',
        "",
      ].join("\n"),
    );
    chmodSync(path.join(bin, "jq"), 0o755);
  }
});
afterAll(async () => {
  await s?.close();
  rmSync(bin, { recursive: true, force: true });
});

it("every bash example in docs/simulator.md works as printed", async () => {
  const md = readFileSync(path.resolve(__dirname, "../../docs/simulator.md"), "utf8");
  const blocks = [...md.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1]!);
  expect(blocks.length).toBeGreaterThanOrEqual(6);
  const all = blocks.join("\n");
  expect(all).not.toMatch(/https?:\/\/(?!127\.0\.0\.1:4010|localhost:3000)[a-z0-9.-]+:\d+/);
  const script = blocks
    .map(
      (b, i) =>
        `echo "@@block ${i}"\n${b.replaceAll("http://127.0.0.1:4010", s.url).replaceAll("http://localhost:3000/api/webhooks/chekt/acme-security", DEAD)}\necho`,
    )
    .join("\n");
  // Async: the simulator answers from this same process.
  const { stdout: out } = await promisify(execFile)("bash", ["-e", "-o", "pipefail", "-c", script], {
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, CHEKT_API_KEY: "" },
    encoding: "utf8",
    timeout: 60_000,
  });
  const parts = out.split(/@@block \d+\n/).slice(1);
  expect(parts).toHaveLength(blocks.length);
  parts.forEach((p, i) => {
    expect(p.trim().length, `block ${i} printed nothing`).toBeGreaterThan(0);
    expect(p, `block ${i} answered with an error:\n${p}`).not.toMatch(/"error":\{"code"/);
  });
  // The first-calls section really listed sites and devices.
  expect(parts[1]).toContain('"site_id":1');
  expect(parts[3]).toContain('"has_more"');
  expect(s.state.alarms.size).toBe(1);
});
