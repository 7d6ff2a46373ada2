// Every object kind the code files an audit row under is one of lib/audit-kinds.ts. A commit entry's kind is
// checked by the compiler (lib/actions/commit.ts: the "ctx.dealer" of the dealer's checklist no longer
// compiles); an action's metadata kind and a row written straight with writeAudit are plain strings there, so
// this test reads their literals from the source.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_OBJECT_KINDS } from "@/lib/audit-kinds";

const root = path.resolve(__dirname, "../..");

function sourceFiles(dir: string): string[] {
  return (fs.readdirSync(path.join(root, dir), { recursive: true }) as string[])
    .filter((f) => /\.tsx?$/.test(f) && !f.includes("generated"))
    .map((f) => path.join(dir, f));
}

/** Each `objectKind: "…"` literal of the app's code, with where it is (a sort order's `objectKind: "asc"` left out). */
function namedKinds(): Array<{ kind: string; at: string }> {
  const out: Array<{ kind: string; at: string }> = [];
  for (const file of ["actions", "app", "lib", "components"].flatMap(sourceFiles)) {
    const text = fs.readFileSync(path.join(root, file), "utf8");
    for (const m of text.matchAll(/(orderBy:\s*\{\s*)?objectKind:\s*"([^"]*)"/g)) {
      if (!m[1]) out.push({ kind: m[2], at: `${file}:${text.slice(0, m.index).split("\n").length}` });
    }
  }
  return out;
}

describe("audit object kinds", () => {
  it("every kind the code names is a listed one", () => {
    const named = namedKinds();
    expect(named.length).toBeGreaterThan(50);
    const known: readonly string[] = AUDIT_OBJECT_KINDS;
    expect(named.filter((n) => !known.includes(n.kind))).toEqual([]);
  });

  it("every listed kind is named somewhere (no stale entry)", () => {
    const named = new Set(namedKinds().map((n) => n.kind));
    // "action" is the action client's default for metadata without a kind (lib/actions/client.ts).
    expect(AUDIT_OBJECT_KINDS.filter((k) => !named.has(k) && k !== "action")).toEqual([]);
  });
});
