// The role matrix lives in three places: docs/roles.md (words), the sidebar (what is shown) and the
// `role` every server action declares. This test keeps them in agreement.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { NAV } from "@/components/shell/nav";
import { hasRole, ROLES, type Role } from "@/lib/roles";

const root = path.resolve(__dirname, "../..");

/** The matrix as data: action-name prefix → the lowest role allowed (docs/roles.md, in words). */
const MATRIX: Array<[prefix: string, role: Role]> = [
  ["account.", "viewer"],
  ["dealer.switch", "viewer"],
  ["verifications.", "operator"],
  ["verifications.takeover", "admin"],
  ["verifications.outcomes", "admin"],
  ["verifications.checklist", "admin"],
  ["verifications.escalation_settings", "admin"],
  ["mirror.refresh", "viewer"],
  ["sites.", "operator"],
  ["stations.", "operator"],
  ["contacts.", "operator"],
  ["devices.", "operator"],
  ["arming.", "operator"],
  ["dealer.update", "admin"],
  ["dealer.connect", "admin"],
  ["dealer.disconnect", "admin"],
  ["dealer.require_two_factor", "admin"],
  ["settings.", "admin"],
  ["webhooks.", "admin"],
  ["audit.", "admin"],
  ["users.", "admin"],
  ["drift.", "admin"],
];

function sourceFiles(dir: string): string[] {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return [];
  return (fs.readdirSync(full, { recursive: true }) as string[])
    .filter((f) => /\.(ts|tsx)$/.test(f) && !f.includes("generated"))
    .map((f) => path.join(full, f));
}

function declaredActions(): Array<{ name: string; role: Role; notAudited: boolean; file: string }> {
  const out: Array<{ name: string; role: Role; notAudited: boolean; file: string }> = [];
  for (const file of ["actions", "app", "lib", "components"].flatMap(sourceFiles)) {
    const text = fs.readFileSync(file, "utf8");
    for (const m of text.matchAll(/\.metadata\(\s*\{([^}]*)\}\s*\)/g)) {
      const name = /name:\s*"([^"]+)"/.exec(m[1])?.[1];
      const role = /role:\s*"([^"]+)"/.exec(m[1])?.[1] as Role | undefined;
      if (name && role)
        out.push({
          name,
          role,
          notAudited: /notAudited:\s*true/.test(m[1]),
          file: path.relative(root, file),
        });
    }
  }
  return out;
}

describe("role matrix", () => {
  it("every server action declares the role docs/roles.md gives it", () => {
    const actions = declaredActions();
    // Server actions live in actions/: a scan that misses a file of it checks nothing there. Sign-in and
    // two-factor enrolment run before there is a full session, so they are plain next-auth actions
    // (docs/app-foundation.md, "Not on it").
    const scanned = new Set([...actions.map((a) => a.file), "actions/sign-in.ts", "actions/two-factor.ts"]);
    expect(
      sourceFiles("actions")
        .map((f) => path.relative(root, f))
        .filter((f) => !scanned.has(f)),
    ).toEqual([]);
    const problems: string[] = [];
    for (const a of actions) {
      const rule = MATRIX.filter(([prefix]) => a.name.startsWith(prefix)).sort((x, y) => y[0].length - x[0].length)[0];
      if (!rule) {
        problems.push(
          `${a.name} (${a.file}): not in the role matrix — add it to docs/roles.md and to MATRIX in this test`,
        );
        continue;
      }
      // A read may be open to more people than the change it belongs to, never fewer.
      const ok = a.notAudited ? hasRole(rule[1], a.role) : a.role === rule[1];
      if (!ok) problems.push(`${a.name} (${a.file}) declares role "${a.role}", the matrix says "${rule[1]}"`);
    }
    expect(problems).toEqual([]);
  });

  it("docs/roles.md's table only ever adds rights from viewer to operator to admin", () => {
    const doc = fs.readFileSync(path.join(root, "docs/roles.md"), "utf8");
    const rows = doc
      .split("\n")
      .filter((l) => /^\|.*\|\s*(✓|—)\s*\|\s*(✓|—)\s*\|\s*(✓|—)\s*\|\s*$/.test(l))
      .map((l) => {
        const cells = l
          .split("|")
          .slice(1, -1)
          .map((c) => c.trim());
        return { what: cells[0], marks: cells.slice(1).map((c) => c === "✓") };
      });
    expect(rows.length).toBeGreaterThanOrEqual(10);
    for (const r of rows) {
      for (let i = 1; i < ROLES.length; i++) expect(!r.marks[i - 1] || r.marks[i], r.what).toBe(true);
      expect(r.marks[ROLES.indexOf("admin")], `admins can do everything: ${r.what}`).toBe(true);
    }
    const lowest = (needle: RegExp) => {
      const row = rows.find((r) => needle.test(r.what));
      expect(row, String(needle)).toBeDefined();
      return ROLES[row!.marks.indexOf(true)];
    };
    // The sidebar hides exactly what the table reserves (each of these links must be in it).
    const rowOfLink: Record<string, RegExp> = {
      "/audit": /^Audit history/,
      "/settings": /^Settings/,
      "/sites": /^See the dealer profile, sites/,
      "/stations": /^See the dealer profile, sites/,
      "/verifications": /^See the live verification queue/,
      "/fleet": /^See fleet health/,
    };
    for (const [href, row] of Object.entries(rowOfLink)) {
      const item = NAV.find((n) => n.href === href);
      expect(item, `${href} in the sidebar`).toBeDefined();
      expect(item!.minRole, href).toBe(lowest(row));
    }
    expect(lowest(/^Claim a verification/)).toBe("operator");
    expect(lowest(/^Add users/)).toBe("admin");
  });
});
