// Every object kind an audit row is written under is one of lib/audit-kinds.ts, and the compiler holds every
// writer to it (AuditEntry and AuditLogRow in lib/audit.ts, an action's metadata in lib/actions/client.ts).
// What the types cannot say is the other way round: that every listed kind is still written somewhere, so the
// list (which the audit page's filter is meant to offer) holds no stale entry. This test reads that from the
// source: the kinds named as `objectKind: "…"` or, for a refused lookup (lib/auth/refused-lookup.ts), `kind: "…"`.
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

/** Each `objectKind: "…"` or `kind: "…"` literal of the app's code (more than audit kinds: enough to find them). */
function namedKinds(): Set<string> {
  const out = new Set<string>();
  for (const file of ["actions", "app", "lib", "components"].flatMap(sourceFiles)) {
    const text = fs.readFileSync(path.join(root, file), "utf8");
    for (const m of text.matchAll(/\b(?:objectKind|kind):\s*"([^"]*)"/g)) out.add(m[1]);
  }
  return out;
}

describe("audit object kinds", () => {
  it("every listed kind is named somewhere (no stale entry)", () => {
    const named = namedKinds();
    expect(named.size).toBeGreaterThan(20);
    // "action" is the action client's default for metadata without a kind (lib/actions/client.ts).
    expect(AUDIT_OBJECT_KINDS.filter((k) => !named.has(k) && k !== "action")).toEqual([]);
  });
});
