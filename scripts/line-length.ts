// Line-length check: no line over 120 characters in the tracked source, except lines holding a URL and
// generated files. Prettier (printWidth 120) wraps code but not long strings or comments, so this
// check is what keeps them short.
//   npm run lines:check               fail (exit 1) listing every long line
//   npm run lines:check -- --summary  print the count per folder and exit 0 (the lint stage of npm test
//                                      runs this only with STRICT_LINT=0: see scripts/test.ts)
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { repoRoot } from "./lib/env";

export const MAX_LINE = 120;
const CHECKED = /\.(ts|tsx|mts|mjs|js|css)$/;
/** Generated, or not ours to wrap. */
const SKIPPED = [
  /^lib\/chekt\/schema\.d\.ts$/,
  /^lib\/generated\//,
  /^prisma\/migrations\//,
  /(^|\/)package-lock\.json$/,
];
const URL_RE = /\b(https?|wss?):\/\/\S/;

export type LongLine = { file: string; line: number; length: number };

/** Long lines of one file's text (lines with a URL are exempt: a URL cannot be wrapped). */
export function longLines(file: string, text: string, max = MAX_LINE): LongLine[] {
  const out: LongLine[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.length > max && !URL_RE.test(line)) out.push({ file, line: i + 1, length: line.length });
  });
  return out;
}

function trackedFiles(): string[] {
  const listed = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], {
    cwd: repoRoot,
    encoding: "utf8",
  });
  return listed
    .split("\n")
    .filter((f) => CHECKED.test(f) && !SKIPPED.some((re) => re.test(f)))
    .filter((f) => fs.existsSync(path.join(repoRoot, f)));
}

function main() {
  const summaryOnly = process.argv.includes("--summary");
  const found = trackedFiles().flatMap((f) => longLines(f, fs.readFileSync(path.join(repoRoot, f), "utf8")));
  if (summaryOnly) {
    const byFolder = new Map<string, number>();
    for (const l of found) byFolder.set(l.file.split("/")[0]!, (byFolder.get(l.file.split("/")[0]!) ?? 0) + 1);
    const parts = [...byFolder].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`);
    console.log(`lines over ${MAX_LINE} characters: ${found.length}${parts.length ? ` (${parts.join(", ")})` : ""}`);
    return 0;
  }
  for (const l of found) console.log(`${l.file}:${l.line}: ${l.length} characters`);
  if (found.length) {
    console.error(`${found.length} line(s) over ${MAX_LINE} characters (URLs and generated files excepted)`);
    return 1;
  }
  console.log(`no line over ${MAX_LINE} characters`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exit(main());
