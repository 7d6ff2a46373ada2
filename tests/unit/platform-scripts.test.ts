// The small decisions the demo and test scripts rest on.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadEnv } from "../../scripts/lib/env";
import { embeddedDataDir, freePort, withDatabase } from "../../scripts/lib/postgres";

const made: string[] = [];
function tempDir(mode = 0o755): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "platform-unit-"));
  fs.chmodSync(dir, mode);
  made.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of made.splice(0)) {
    fs.chmodSync(dir, 0o755);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe("embeddedDataDir", () => {
  it("keeps the data in the project when every folder above it is enterable", () => {
    const root = path.join(tempDir(), "project");
    fs.mkdirSync(root);
    expect(embeddedDataDir("postgres", root, true)).toBe(path.join(root, ".data", "postgres"));
  });

  it("moves to the temp folder when run as root under a folder others cannot enter (mode 700 home)", () => {
    const home = tempDir(0o700);
    const root = path.join(home, "project");
    fs.mkdirSync(root);
    expect(embeddedDataDir("postgres-test", root, true)).toBe(path.join(os.tmpdir(), "chekt-console-postgres-test"));
  });

  it("does not care about folder modes when not root (the server runs as us)", () => {
    const home = tempDir(0o700);
    expect(embeddedDataDir("postgres", home, false)).toBe(path.join(home, ".data", "postgres"));
  });
});

describe("loadEnv", () => {
  it("takes .env over .env.example and never overrides the real environment", () => {
    const root = tempDir();
    fs.writeFileSync(path.join(root, ".env"), "PLATFORM_A=from-env-file\n");
    fs.writeFileSync(
      path.join(root, ".env.example"),
      "PLATFORM_A=from-example\nPLATFORM_B=from-example\nPLATFORM_C=from-example\n",
    );
    process.env.PLATFORM_C = "real";
    try {
      loadEnv([".env", ".env.example"], root);
      expect([process.env.PLATFORM_A, process.env.PLATFORM_B, process.env.PLATFORM_C]).toEqual([
        "from-env-file",
        "from-example",
        "real",
      ]);
    } finally {
      for (const k of ["PLATFORM_A", "PLATFORM_B", "PLATFORM_C"]) delete process.env[k];
    }
  });

  it("is fine without any file (a fresh clone has no .env)", () => {
    expect(() => loadEnv([".env"], tempDir())).not.toThrow();
  });
});

describe("withDatabase", () => {
  it("swaps only the database, keeping credentials, host, port and options", () => {
    expect(withDatabase("postgres://u:p%40ss@127.0.0.1:5433/app?sslmode=disable", "other")).toBe(
      "postgres://u:p%40ss@127.0.0.1:5433/other?sslmode=disable",
    );
  });
});

describe("freePort", () => {
  it("returns a port nobody listens on", async () => {
    const port = await freePort();
    const net = await import("node:net");
    await new Promise<void>((resolve, reject) => {
      const server = net
        .createServer()
        .once("error", reject)
        .listen(port, "127.0.0.1", () => server.close(() => resolve()));
    });
    expect(port).toBeGreaterThan(1024);
  });
});
