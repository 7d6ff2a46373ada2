// The lint rules that guard the architecture, run through ESLint's API on small sources: the CHeKT
// gateway (only lib/chekt/api/* and a few leaf modules outside lib/chekt/), `import type` for the
// generated schema, and no `any`. A rule that stops firing fails here, not silently in review.
import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");
const eslint = new ESLint({ cwd: root });

async function rulesHit(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

const importOf = (spec: string) => `import { thing } from "${spec}";\nexport const used = thing;\n`;

// Loading the config, plugins and type-aware parser once takes seconds on a busy machine: paid here,
// under its own timeout, rather than by whichever test happens to run first.
beforeAll(async () => {
  await rulesHit("lib/probe/probe.ts", "export const warm = 1;\n");
}, 120_000);

describe("lint: the CHeKT gateway", () => {
  const refused = [
    "@/lib/chekt",
    "@/lib/chekt/index",
    "@/lib/chekt/client",
    "@/lib/chekt/transport",
    "@/lib/chekt/token",
    "openapi-fetch",
    "../chekt/client",
    "../../lib/chekt/transport",
  ];
  it.each(refused)("refuses %s in app/, components/ and lib/", async (spec) => {
    for (const file of ["app/(console)/probe/page.tsx", "components/probe.tsx", "lib/probe/probe.ts"]) {
      expect(await rulesHit(file, importOf(spec)), `${spec} in ${file}`).toContain(
        "@typescript-eslint/no-restricted-imports",
      );
    }
  });

  // The leaf modules a page may import, and the files that may use the client itself: lib/chekt/, tests,
  // scripts, bench and the simulator.
  const page = "app/(console)/probe/page.tsx";
  const client = "@/lib/chekt/client";
  const allowed: [file: string, spec: string][] = [
    [page, "@/lib/chekt/api/sites"],
    [page, "@/lib/chekt/errors"],
    [page, "@/lib/chekt/budget-class"],
    [page, "@/lib/schemas/contract"],
    [page, "@/lib/chekt/normalize"],
    ["lib/chekt/api/probe.ts", client],
    ["tests/integration/probe.test.ts", client],
    ["scripts/probe.ts", client],
    ["bench/probe.ts", client],
    ["simulator/probe.ts", client],
  ];
  it.each(allowed)("lets %s import %s", async (file, spec) => {
    expect(await rulesHit(file, importOf(spec))).not.toContain("@typescript-eslint/no-restricted-imports");
  });

  it("takes only types from the generated schema", async () => {
    const use = `export const c: components | null = null;\n`;
    const value = `import { components } from "@/lib/chekt/schema";\n${use}`;
    const typeOnly = `import type { components } from "@/lib/chekt/schema";\n${use}`;
    expect(await rulesHit("lib/probe/probe.ts", value)).toContain("@typescript-eslint/no-restricted-imports");
    expect(await rulesHit("lib/probe/probe.ts", typeOnly)).not.toContain("@typescript-eslint/no-restricted-imports");
  });
});

describe("lint: types", () => {
  it("refuses an explicit any, in the app and in the simulator alike", async () => {
    for (const file of ["lib/probe/probe.ts", "simulator/probe.ts", "tests/unit/probe.test.ts"]) {
      expect(await rulesHit(file, "export const x = (v: any) => v;\n"), file).toContain(
        "@typescript-eslint/no-explicit-any",
      );
    }
  });

  it("refuses an unused variable and a hook called conditionally", async () => {
    expect(await rulesHit("lib/probe/probe.ts", "const unused = 1;\nexport {};\n")).toContain(
      "@typescript-eslint/no-unused-vars",
    );
    const hook = [
      `import { useState } from "react";`,
      "export function P({ on }: { on: boolean }) {",
      "  if (on) useState(0);",
      "  return null;",
      "}",
      "",
    ].join("\n");
    expect(await rulesHit("components/probe.tsx", hook)).toContain("react-hooks/rules-of-hooks");
  });
});
