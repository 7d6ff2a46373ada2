// Loads configuration for the scripts the same way for everyone: real environment first, then
// `.env` (yours, not committed), then `.env.example` (the committed working defaults), so a fresh
// clone runs without a .env file. Never overrides a variable that is already set.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "dotenv";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export function loadEnv(files = [".env", ".env.example"], root = repoRoot): void {
  for (const file of files) {
    const full = path.join(root, file);
    if (!fs.existsSync(full)) continue;
    const values = parse(fs.readFileSync(full));
    for (const [key, value] of Object.entries(values)) {
      if (process.env[key] === undefined) process.env[key] = value;
    }
  }
}
