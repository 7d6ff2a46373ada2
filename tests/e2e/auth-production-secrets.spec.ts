// The built app, started the way production starts it (`next start`), refuses the public secrets of
// .env.example and names each one, before it listens. The app under test itself runs with this
// run's generated secrets (scripts/test.ts), so this proves the refusal, not a broken start.
import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { EXAMPLE_SECRETS } from "../../lib/env-secrets";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Runs `next start` with these overrides; resolves with its exit code and output, or "listening". */
async function nextStart(overrides: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const port = await freePort();
  const child = spawn(path.resolve("node_modules/.bin/next"), ["start", "--port", String(port)], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_DIST_DIR: process.env.E2E_DIST_DIR || ".next-test",
      ...overrides,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const code = await new Promise<number | null>((resolve) => {
    child.on("exit", (c) => resolve(c));
    // A start that gets as far as listening is a failure of this test: stop it and say so.
    const timer = setTimeout(() => {
      child.kill("SIGTERM");
      resolve(-1);
    }, 30_000);
    child.on("exit", () => clearTimeout(timer));
  });
  return { code, output };
}

test("next start refuses every example secret, naming each variable", async () => {
  const { code, output } = await nextStart({ ...EXAMPLE_SECRETS });
  expect(code, output).toBe(1);
  expect(output).toContain("Refusing to start in production");
  for (const name of Object.keys(EXAMPLE_SECRETS)) expect(output).toContain(`${name}: set your own value`);
});

test("one example value left among the install's own is enough to refuse, and only it is named", async () => {
  const { code, output } = await nextStart({ AUTH_SECRET: EXAMPLE_SECRETS.AUTH_SECRET });
  expect(code, output).toBe(1);
  expect(output).toContain("Refusing to start in production: AUTH_SECRET holds its public value from .env.example.");
  expect(output).not.toContain("SECRETS_ENCRYPTION_KEY:");
});
