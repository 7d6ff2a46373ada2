import type { NextConfig } from "next";
import { PHASE_PRODUCTION_SERVER } from "next/constants";
import { exampleSecretsMessage } from "./lib/env-secrets";
import { STATIC_SECURITY_HEADERS } from "./lib/security-headers";

const config: NextConfig = {
  // Several builds can live side by side (tests, bench, dev) when each names its own folder.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // The build type-checks the app only (tests, bench and the simulator are checked by `npm run
  // typecheck`), and Next rewrites this file rather than tsconfig.json when it adds a dist dir.
  // NEXT_BUILD_TYPES_CHECKED=1: the caller has just run `tsc` over every folder (npm test's typecheck
  // stage, a superset of this check), so the build skips its own pass (~50 s of one core).
  typescript: { tsconfigPath: "tsconfig.next.json", ignoreBuildErrors: process.env.NEXT_BUILD_TYPES_CHECKED === "1" },
  reactStrictMode: true,
  poweredByHeader: false,
  // No gzip in the app: it cost the server 0.3–1.5 ms of CPU per server action and 1–4 ms per site page
  // (docs/operations.md, "Eighth round: action"). Production puts a compressing reverse proxy or CDN in
  // front (README, "Running in production"), which does it off the app's event loop.
  compress: false,
  // forbidden() renders app/forbidden.tsx with HTTP 403 (lib/auth/require.ts).
  // A pasted device list of up to 5,000 rows goes to one server action; the default 1 MB is too small.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "4mb" } },
  // Packages with native parts or Node-only APIs stay out of the server bundle.
  serverExternalPackages: ["pg", "pg-boss", "@prisma/client", "@prisma/adapter-pg", "bcryptjs"],
  // Every response, static files included; pages also get a per-request CSP from proxy.ts.
  async headers() {
    return [{ source: "/:path*", headers: STATIC_SECURITY_HEADERS }];
  },
};

export default function nextConfig(phase: string): NextConfig {
  // `next start` reads this file before it listens: the public .env.example secrets stop it here,
  // with the variable named, instead of serving sessions anyone could forge.
  if (phase === PHASE_PRODUCTION_SERVER) {
    const refusal = exampleSecretsMessage(process.env);
    if (refusal) {
      console.error(refusal);
      process.exit(1);
    }
  }
  return config;
}
