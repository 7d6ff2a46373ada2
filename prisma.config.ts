// Prisma CLI configuration: the JavaScript schema engine through a driver adapter, because this
// machine cannot download Prisma's native schema engine.
import "dotenv/config";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { CliPgAdapterFactory } from "./prisma/cli-adapter";

// Without a value the CLI falls back to the native engine and tries to download it.
// `prisma generate` never connects, so a placeholder is enough there.
process.env.DATABASE_URL ||= "postgres://postgres@127.0.0.1:5432/postgres";

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  engine: "js",
  experimental: { adapter: true },
  adapter: async () => new CliPgAdapterFactory(process.env.DATABASE_URL!),
});
