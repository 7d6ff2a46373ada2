// The secret values committed in .env.example. They make a fresh clone run, and they are public:
// with the example AUTH_SECRET anyone can mint an admin session offline. A production start
// refuses every one of them (next.config.ts at `next start`, lib/env.ts in any production process).
// No "server-only": next.config.ts and the scripts load this file too.
import { keysOf } from "./keys-of";
import { plural } from "./plural";

/**
 * Variables whose .env.example value must never reach production. tests/unit/auth-env-secrets.test.ts keeps them equal
 * to the file.
 */
export const EXAMPLE_SECRETS = {
  AUTH_SECRET: "dev-only-auth-secret-change-me-0123456789abcdef",
  SECRETS_ENCRYPTION_KEY: "ZGV2LW9ubHktZW5jcnlwdGlvbi1rZXktMzItYnl0ZXM=",
  CHEKT_CLIENT_SECRET: "demo-partner-secret-7f3a9c2e5b1d4f60",
  CHEKT_API_KEY: "chekt_test_demo0000000000000000000000000001",
  CHEKT_WEBHOOK_SECRET: "whsec_demo_signing_secret_0123456789",
} as const;

export type SecretName = keyof typeof EXAMPLE_SECRETS;
export const SECRET_NAMES: SecretName[] = keysOf(EXAMPLE_SECRETS);

/** Names of the variables that still hold their .env.example value. */
export function exampleSecretsIn(env: Record<string, string | undefined>): SecretName[] {
  return SECRET_NAMES.filter((name) => env[name]?.trim() === EXAMPLE_SECRETS[name]);
}

/** The refusal, naming each variable and how to fix it; null when none is an example value. */
export function exampleSecretsMessage(env: Record<string, string | undefined>): string | null {
  const names = exampleSecretsIn(env);
  if (!names.length) return null;
  return [
    `Refusing to start in production: ${names.join(", ")} ` +
      `${plural(names.length, "holds its", "hold their")} public value from .env.example.`,
    ...names.map(
      (n) =>
        `  ${n}: set your own value (e.g. openssl rand -base64 32` +
        (n.startsWith("CHEKT_") ? ", or the credential CHeKT issued you" : "") +
        ")",
    ),
    "npm run demo -- --prod generates per-install secrets under .data/ instead.",
  ].join("\n");
}
