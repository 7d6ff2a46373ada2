import type { NextConfig } from "next";

const config: NextConfig = {
  // Several builds can live side by side (tests, bench, dev) when each names its own folder.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  reactStrictMode: true,
  poweredByHeader: false,
  // forbidden() renders app/forbidden.tsx with HTTP 403 (lib/auth/require.ts).
  experimental: { authInterrupts: true },
  // Packages with native parts or Node-only APIs stay out of the server bundle.
  serverExternalPackages: ["pg", "pg-boss", "@prisma/client", "@prisma/adapter-pg", "bcryptjs"],
};

export default config;
