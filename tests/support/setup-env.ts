// Every test process starts with the committed defaults of .env.example for variables that are
// unset, so modules that validate configuration on import (lib/env) load. A test that needs other
// values sets them itself; a developer's own .env is deliberately not read.
import fs from "node:fs";
import path from "node:path";
import { parse } from "dotenv";
import fc from "fast-check";

const example = path.resolve(__dirname, "../../.env.example");
for (const [key, value] of Object.entries(parse(fs.readFileSync(example)))) {
  if (process.env[key] === undefined) process.env[key] = value;
}
// The per-run database of `npm test`, when there is one, is the database of every integration test.
if (process.env.TEST_DATABASE_URL && !process.env.DATABASE_URL)
  process.env.DATABASE_URL = process.env.TEST_DATABASE_URL;
// Property tests draw from the run's seed too (the one that orders the tests, vitest.config.ts), so a
// counterexample one run finds comes back on a rerun with the same TEST_SEED; CI draws a new seed whenever
// tests/ changes, so the inputs tried still move. TEST_SEED=0 leaves fast-check to pick its own.
const seed = Number(process.env.TEST_SEED ?? 7);
if (seed) fc.configureGlobal({ seed });
