// `next build` / `next dev` with a custom NEXT_DIST_DIR add that folder's types to tsconfig.json
// (and reformat it). The test run and the demo must not leave edits in the working tree: put the
// file back as it was once Next has started or finished building.
import fs from "node:fs";
import path from "node:path";
import { repoRoot } from "./env";

const file = path.join(repoRoot, "tsconfig.json");

export async function keepTsconfig<T>(fn: () => Promise<T>): Promise<T> {
  const before = fs.readFileSync(file, "utf8");
  try {
    return await fn();
  } finally {
    if (fs.readFileSync(file, "utf8") !== before) fs.writeFileSync(file, before);
  }
}
