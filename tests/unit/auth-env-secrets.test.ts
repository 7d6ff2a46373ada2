// A production process refuses the public .env.example secrets, naming each variable; the demo and
// the e2e stage replace them with per-install values instead.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "dotenv";
import { afterEach, describe, expect, it, vi } from "vitest";
import { EXAMPLE_SECRETS, exampleSecretsMessage, SECRET_NAMES } from "@/lib/env-secrets";
import { generateSecrets, loadOrCreateSecrets, withInstallSecrets } from "../../scripts/lib/install-secrets";
import { errorText } from "@/lib/error-text";

const example = parse(fs.readFileSync(path.resolve(__dirname, "../../.env.example")));
const saved = { ...process.env };
afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
  vi.resetModules();
});

async function loadEnvModule(overrides: Record<string, string | undefined>): Promise<string> {
  Object.assign(process.env, { DATABASE_URL: "postgres://postgres@127.0.0.1:5432/unused" }, overrides);
  vi.resetModules();
  try {
    await import("@/lib/env");
    return "loaded";
  } catch (error) {
    return errorText(error);
  }
}

describe("the example secrets", () => {
  it("are exactly the values .env.example commits", () => {
    for (const name of SECRET_NAMES) expect(EXAMPLE_SECRETS[name], name).toBe(example[name]);
  });

  it("stop lib/env in production, each variable named", async () => {
    const message = await loadEnvModule({ NODE_ENV: "production", NEXT_PHASE: undefined });
    expect(message).toContain("Refusing to start in production");
    for (const name of SECRET_NAMES) expect(message).toContain(`  ${name}: set your own value`);
  });

  it("names only the variables still at their example value", async () => {
    const own = generateSecrets();
    const message = await loadEnvModule({
      NODE_ENV: "production",
      NEXT_PHASE: undefined,
      ...own,
      CHEKT_API_KEY: EXAMPLE_SECRETS.CHEKT_API_KEY,
    });
    expect(message).toMatch(
      /^Refusing to start in production: CHEKT_API_KEY holds its public value from \.env\.example\./,
    );
    expect(message).not.toContain("AUTH_SECRET");
  });

  it("load in production with the install's own values, in development and next build with the examples", async () => {
    expect(await loadEnvModule({ NODE_ENV: "production", NEXT_PHASE: undefined, ...generateSecrets() })).toBe("loaded");
    Object.assign(process.env, EXAMPLE_SECRETS);
    expect(await loadEnvModule({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" })).toBe("loaded");
    expect(await loadEnvModule({ NODE_ENV: "development", NEXT_PHASE: undefined })).toBe("loaded");
  });

  it("a value with spaces around it is still the example value", () => {
    expect(exampleSecretsMessage({ AUTH_SECRET: ` ${EXAMPLE_SECRETS.AUTH_SECRET}\n` })).toContain("AUTH_SECRET");
    expect(exampleSecretsMessage({ AUTH_SECRET: "something-else-entirely-0123456789abcdef" })).toBeNull();
  });
});

describe("per-install secrets", () => {
  it("replace unset and example values, keep the operator's own, and leave real CHeKT credentials alone", () => {
    const mine = generateSecrets();
    const { env, replaced } = withInstallSecrets(
      {
        NODE_ENV: "test",
        ...EXAMPLE_SECRETS,
        AUTH_SECRET: "operator-chosen-secret-0123456789abcdef",
        CHEKT_API_KEY: undefined,
      },
      mine,
      { simulator: false },
    );
    expect(env.AUTH_SECRET).toBe("operator-chosen-secret-0123456789abcdef");
    expect(env.SECRETS_ENCRYPTION_KEY).toBe(mine.SECRETS_ENCRYPTION_KEY);
    expect(env.CHEKT_CLIENT_SECRET).toBe(EXAMPLE_SECRETS.CHEKT_CLIENT_SECRET);
    expect(replaced).toEqual(["SECRETS_ENCRYPTION_KEY"]);
    const sim = withInstallSecrets({ NODE_ENV: "test", ...EXAMPLE_SECRETS }, mine, { simulator: true });
    expect(sim.replaced).toEqual(SECRET_NAMES);
    expect(exampleSecretsMessage(sim.env)).toBeNull();
  });

  it("have the shape each variable needs", () => {
    const s = generateSecrets();
    expect(Buffer.from(s.SECRETS_ENCRYPTION_KEY, "base64")).toHaveLength(32);
    expect(s.AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(generateSecrets().AUTH_SECRET).not.toBe(s.AUTH_SECRET);
  });

  it("are generated once into a mode-600 file and read back after", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "install-secrets-"));
    try {
      const file = path.join(dir, "nested", "install-secrets.json");
      const first = loadOrCreateSecrets(file);
      expect(first.created).toBe(true);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const second = loadOrCreateSecrets(file);
      expect(second).toEqual({ secrets: first.secrets, created: false });
      // A damaged file is replaced rather than half-used.
      fs.writeFileSync(file, JSON.stringify({ AUTH_SECRET: "short" }));
      expect(loadOrCreateSecrets(file).created).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
