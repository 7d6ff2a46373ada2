// Per-install secrets for a production start on this machine (`npm run demo -- --prod`, the e2e
// stage of `npm test`): the public .env.example values are replaced by random ones, generated once
// and kept in a mode-600 file under .data/, so sessions and sealed dealer secrets survive a restart.
// A value someone set themselves (environment or .env) is never replaced.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { EXAMPLE_SECRETS, SECRET_NAMES, type SecretName } from "../../lib/env-secrets";

export type InstallSecrets = Record<SecretName, string>;

/** Fresh values in each variable's expected shape (SECRETS_ENCRYPTION_KEY: 32 bytes, base64). */
export function generateSecrets(random: (n: number) => Buffer = randomBytes): InstallSecrets {
  return {
    AUTH_SECRET: random(32).toString("base64url"),
    SECRETS_ENCRYPTION_KEY: random(32).toString("base64"),
    CHEKT_CLIENT_SECRET: `sim-client-${random(24).toString("base64url")}`,
    CHEKT_API_KEY: `chekt_test_${random(24).toString("hex")}`,
    CHEKT_WEBHOOK_SECRET: `whsec_${random(24).toString("base64url")}`,
  };
}

function isComplete(v: unknown): v is InstallSecrets {
  return (
    typeof v === "object" &&
    v !== null &&
    SECRET_NAMES.every(
      (n) => typeof (v as Record<string, unknown>)[n] === "string" && (v as Record<string, string>)[n].length >= 16,
    )
  );
}

/** Reads `file`, or creates it (mode 600) with generated values when it is missing or incomplete. */
export function loadOrCreateSecrets(file: string): { secrets: InstallSecrets; created: boolean } {
  if (fs.existsSync(file)) {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
    if (isComplete(parsed)) return { secrets: parsed, created: false };
  }
  const secrets = generateSecrets();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return { secrets, created: true };
}

/**
 * `env` with every variable that is unset or still holds its .env.example value replaced by the
 * install's own. The CHeKT credentials are replaced only when `simulator` is true: the simulator
 * takes them from the same environment, while the real CHeKT issues its own (a production start
 * then refuses the example ones, naming them).
 */
export function withInstallSecrets(
  env: NodeJS.ProcessEnv,
  secrets: InstallSecrets,
  opts: { simulator: boolean },
): { env: NodeJS.ProcessEnv; replaced: SecretName[] } {
  const out = { ...env };
  const replaced: SecretName[] = [];
  for (const name of SECRET_NAMES) {
    if (name.startsWith("CHEKT_") && !opts.simulator) continue;
    const current = out[name];
    if (current === undefined || current === "" || current.trim() === EXAMPLE_SECRETS[name]) {
      out[name] = secrets[name];
      replaced.push(name);
    }
  }
  return { env: out, replaced };
}
