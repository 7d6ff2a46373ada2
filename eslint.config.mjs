// ESLint 9 flat config: Next's core-web-vitals set (React, hooks, a11y, Next rules), typescript-eslint's
// recommended set, and the CHeKT gateway rule. `npm run lint` runs it; `npm test` runs it before unit.
import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

/**
 * The gateway: outside lib/chekt/, CHeKT is reached only through lib/chekt/api/<resource>, so every call
 * goes through the shared budget, the token, the trace id and the retry rules. The low-level client,
 * its transport and openapi-fetch stay private to lib/chekt/.
 */
const GATEWAY_MESSAGE =
  "Reach CHeKT through @/lib/chekt/api/<resource> (errors: @/lib/chekt/errors, budget classes: " +
  "@/lib/chekt/budget-class, types: `import type` from @/lib/chekt/schema, zod: @/lib/schemas/contract).";
/** lib/chekt as imported from anywhere: the alias, or a relative path with or without lib/. */
const CHEKT = "(@/lib/|(\\.\\.?/)+(lib/)?)chekt";
// budget-wait (the interactive scope the action client opens), budget-panel (Settings figures
// read from Postgres) and budget-rules (the bucket's pure rules and CHeKT's free tier, which the env
// defaults and the connection check's words quote) make no call to CHeKT and hold no credential;
// contract-lists is data.
const ALLOWED = [
  "api/[^/]+",
  "errors",
  "budget-class",
  "budget-wait",
  "budget-panel",
  "budget-rules",
  "schema",
  "normalize",
  "list-query",
  "contract-lists",
];
const gatewayRule = [
  "error",
  {
    paths: [{ name: "openapi-fetch", message: GATEWAY_MESSAGE }],
    patterns: [
      {
        // @/lib/chekt, @/lib/chekt/<anything but the allowed modules>, and the same reached by a relative
        // path (../chekt/client, ../../lib/chekt/transport). normalize and list-query are allowed too:
        // pure helpers (date/id readers, URL list state) that make no call and hold no credential.
        regex: `^${CHEKT}(/(?!(${ALLOWED.join("|")})$).*)?$`,
        message: GATEWAY_MESSAGE,
      },
      {
        regex: `^${CHEKT}/schema$`,
        allowTypeImports: true,
        message: "Only types come from the generated schema: write `import type`.",
      },
    ],
  },
];

/** Components and lib do not depend on routes: server actions live in actions/<domain>.ts. */
const ROUTE_PATTERN = {
  regex: "^(@/app/|(\\.\\.?/)+app/)",
  message: "Components and lib never import a route: server actions live in @/actions/<domain>.",
};
const componentRule = [gatewayRule[0], { ...gatewayRule[1], patterns: [...gatewayRule[1].patterns, ROUTE_PATTERN] }];

const config = [
  {
    ignores: [
      "node_modules/**",
      ".next*/**",
      ".data/**",
      "lib/generated/**",
      "lib/chekt/schema.d.ts",
      "next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
    ],
  },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    settings: { next: { rootDir: "." } },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true },
      ],
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      // React Compiler rules of eslint-plugin-react-hooks 7: refs are not read or written while
      // rendering, and effects do not set state synchronously (live data goes through
      // useSyncExternalStore or derives while rendering).
      "react-hooks/refs": "error",
      "react-hooks/set-state-in-effect": "error",
      // Only says the compiler skips a component that uses TanStack Table or Virtual (the stack's list
      // libraries: the device grid and the import review grid); those render as plain React.
      "react-hooks/incompatible-library": "off",
    },
  },
  {
    files: ["app/**/*.{ts,tsx}", "proxy.ts", "instrumentation.ts"],
    ignores: ["lib/chekt/**"],
    rules: { "@typescript-eslint/no-restricted-imports": gatewayRule },
  },
  {
    files: ["components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}", "actions/**/*.ts"],
    ignores: ["lib/chekt/**"],
    rules: { "@typescript-eslint/no-restricted-imports": componentRule },
  },
  {
    files: ["*.config.{js,mjs,ts}"],
    rules: { "import/no-anonymous-default-export": "off" },
  },
  {
    // Tools, tests and the simulator are not a web app: no Next page rules.
    files: ["simulator/**", "tests/**", "scripts/**", "bench/**", "prisma/**"],
    rules: { "@next/next/no-html-link-for-pages": "off", "@next/next/no-img-element": "off" },
  },
  {
    // No React here: a function named use… (useInstallSecrets) is not a hook.
    files: ["simulator/**", "scripts/**", "bench/**", "prisma/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
];

export default config;
