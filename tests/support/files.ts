// The repository's own files, for tests that check every route or action the app has.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

export const REPO_ROOT = path.resolve(__dirname, "../..");

/** Every file named `name` below `dir`, as paths relative to the repository, sorted. */
export function filesNamed(dir: string, name: string): string[] {
  const out: string[] = [];
  const visit = (d: string) => {
    for (const entry of readdirSync(d)) {
      const full = path.join(d, entry);
      if (statSync(full).isDirectory()) visit(full);
      else if (entry === name) out.push(path.relative(REPO_ROOT, full));
    }
  };
  visit(dir);
  return out.sort();
}

/**
 * Every server-action module: the files of `actions/`, and any `actions.ts` left under `app/` (so a
 * module added in the old place is still checked, rather than slipping past the role matrix).
 */
export function actionModules(root: string = REPO_ROOT): string[] {
  const dir = path.join(root, "actions");
  const own = readdirSync(dir)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => path.relative(REPO_ROOT, path.join(dir, f)));
  return [...own, ...filesNamed(path.join(root, "app"), "actions.ts")].sort();
}
