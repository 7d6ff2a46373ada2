// Secrets stay on the server: after `next build`, no configured secret value may appear in
// anything the browser can download (client chunks and CSS under static/, and pre-rendered
// HTML / RSC payloads). Run by `npm test` right after its build (vitest project "bundle").
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const distDir = path.resolve(__dirname, "../..", process.env.NEXT_DIST_DIR || ".next-test");
const SECRET_NAMES = [
  "CHEKT_CLIENT_SECRET",
  "CHEKT_API_KEY",
  "CHEKT_WEBHOOK_SECRET",
  "AUTH_SECRET",
  "SECRETS_ENCRYPTION_KEY",
  "CHEKT_PRIVATE_KEY",
] as const;

function filesUnder(dir: string, keep: (file: string) => boolean): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .map((f) => path.join(dir, f))
    .filter((f) => fs.statSync(f).isFile() && keep(f));
}

/** Everything a browser can be sent: static assets and pre-rendered pages. */
function browserFiles(): string[] {
  return [
    ...filesUnder(path.join(distDir, "static"), () => true),
    ...filesUnder(path.join(distDir, "server", "app"), (f) => /\.(html|rsc|body|meta)$/.test(f)),
    ...filesUnder(path.join(distDir, "server", "pages"), (f) => f.endsWith(".html")),
  ];
}

/** The values to look for: each configured secret, and for a PEM key each line of its body. */
function secretNeedles(): Array<{ name: string; value: string }> {
  const needles: Array<{ name: string; value: string }> = [];
  for (const name of SECRET_NAMES) {
    const value = process.env[name];
    if (!value) continue;
    if (value.includes("-----BEGIN")) {
      const body = value
        .replace(/\\n/g, "\n")
        .split("\n")
        .filter((l) => l && !l.startsWith("-----"));
      body
        .filter((l) => l.length >= 16)
        .forEach((line, i) => needles.push({ name: `${name} (line ${i + 1})`, value: line }));
    } else {
      needles.push({ name, value });
    }
  }
  return needles;
}

function findings(files: string[], needles: Array<{ name: string; value: string }>) {
  const found: string[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file, "latin1");
    for (const { name, value } of needles) {
      if (text.includes(value)) found.push(`${name} in ${path.relative(distDir, file)}`);
    }
  }
  return found;
}

describe("client bundle", () => {
  const files = browserFiles();

  it("exists: the build ran and produced client JavaScript", () => {
    expect(
      fs.existsSync(path.join(distDir, "BUILD_ID")),
      `no build in ${distDir}: run next build with NEXT_DIST_DIR first (npm test does)`,
    ).toBe(true);
    expect(files.some((f) => f.endsWith(".js"))).toBe(true);
  });

  it("the scan reads the files (it finds a string every Next client bundle carries)", () => {
    expect(findings(files, [{ name: "marker", value: "__next" }]).length).toBeGreaterThan(0);
  });

  it("has a secret to look for in every required variable", () => {
    const names = secretNeedles().map((n) => n.name);
    for (const required of ["CHEKT_CLIENT_SECRET", "AUTH_SECRET", "SECRETS_ENCRYPTION_KEY"]) {
      if (required !== "CHEKT_CLIENT_SECRET" || !process.env.CHEKT_PRIVATE_KEY) expect(names).toContain(required);
    }
  });

  it("contains no configured secret value", () => {
    expect(findings(files, secretNeedles())).toEqual([]);
  });
});
