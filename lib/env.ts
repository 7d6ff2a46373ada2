import "server-only";
import { z } from "zod";
import { parseTrustedProxies } from "./auth/client-ip";
import { FREE_TIER } from "./chekt/budget-rules";
import { exampleSecretsMessage } from "./env-secrets";
import { errorText } from "@/lib/error-text";

// Validated once at start: a missing or malformed variable stops the app with its name.
const schema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z.string().url("DATABASE_URL must be a postgres:// URL"),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
    AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters"),
    APP_URL: z.string().url().default("http://localhost:3000"),
    SECRETS_ENCRYPTION_KEY: z
      .string()
      .refine((v) => Buffer.from(v, "base64").length === 32, "SECRETS_ENCRYPTION_KEY must be 32 bytes, base64"),
    CHEKT_API_BASE_URL: z.string().url("CHEKT_API_BASE_URL must be a URL such as https://api.chekt.com"),
    CHEKT_CLIENT_ID: z.string().min(1),
    CHEKT_CLIENT_SECRET: z.string().optional(),
    CHEKT_PRIVATE_KEY: z.string().optional(),
    CHEKT_API_KEY: z.string().optional(),
    CHEKT_WEBHOOK_SECRET: z.string().optional(),
    // The CHeKT dealer (CHeKT's number for it) whose App the two above belong to: only that dealer's link
    // falls back to them (lib/webhooks/dealer-secrets.ts). 1 is the simulator's seeded App.
    CHEKT_APP_DEALER_ID: z.coerce.number().int().positive().default(1),
    CHEKT_MAX_BULK: z.coerce.number().int().min(1).max(1000).default(100),
    CHEKT_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    // CHeKT's tier for the shared call budget (lib/chekt/budget.ts; free tier by default). Only the
    // start: CHeKT's X-RateLimit-* headers correct it at run time.
    CHEKT_BUDGET_PER_MIN: z.coerce.number().min(1).default(FREE_TIER.perMin),
    CHEKT_BUDGET_BURST: z.coerce.number().min(1).default(FREE_TIER.burst),
    // The mirror (docs/mirror.md): a view of a row CHeKT confirmed longer ago queues a background refresh.
    MIRROR_STALE_AFTER_S: z.coerce.number().int().min(5).max(86_400).default(300),
    // A dealer link's sweep starts this long after its last one started (or when that one ends, if later).
    MIRROR_SYNC_INTERVAL_S: z.coerce.number().int().min(60).max(86_400).default(900),
    // At most this many sites' contacts, devices and arming one sweep reads (docs/mirror.md). Unset: what
    // the sync class may spend of CHEKT_BUDGET_PER_MIN over MIRROR_SYNC_INTERVAL_S (150 at the defaults).
    MIRROR_CHILDREN_PER_RUN: z.coerce.number().int().min(1).max(100_000).optional(),
    // Sessions (lib/auth/policy.ts): idle minutes and absolute hours.
    SESSION_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .optional(),
    SESSION_MAX_HOURS: z.coerce
      .number()
      .min(0.1)
      .max(30 * 24)
      .optional(),
    // Proxies of ours in front of the app (lib/auth/client-ip.ts); default none: X-Forwarded-For ignored.
    TRUSTED_PROXY_HOPS: z.string().optional(),
    TRUSTED_PROXY_CIDRS: z.string().optional(),
    // on: this process also runs the queue workers and sweeps (lib/background.ts). off: a web instance
    // that only serves and sends jobs; `npm run worker` (scripts/worker.ts) runs them (README, production).
    BACKGROUND_WORK: z.enum(["on", "off"]).default("on"),
    // How soon a queued minutely job (fleet alert scan, desk annotations, webhook log prune) starts: each
    // queue is polled this often. The end-to-end stack polls every second and queues a scan itself.
    MINUTELY_POLL_SECONDS: z.coerce.number().min(0.5).max(60).default(30),
    // Only in the demo and tests: lets Settings ask the simulator for a test event.
    CHEKT_SIM_ADMIN_TOKEN: z.string().optional(),
  })
  .refine((e) => e.CHEKT_CLIENT_SECRET || e.CHEKT_PRIVATE_KEY, {
    message: "Set CHEKT_CLIENT_SECRET or CHEKT_PRIVATE_KEY",
    path: ["CHEKT_CLIENT_SECRET"],
  })
  .superRefine((e, ctx) => {
    try {
      parseTrustedProxies(e);
    } catch (error) {
      ctx.addIssue({
        code: "custom",
        message: errorText(error),
        path: [e.TRUSTED_PROXY_CIDRS ? "TRUSTED_PROXY_CIDRS" : "TRUSTED_PROXY_HOPS"],
      });
    }
  });

export type Env = z.infer<typeof schema>;

function load(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}\nSee .env.example for every variable.`);
  }
  // `next build` runs with NODE_ENV=production too, but a build holds no secret: only a running
  // production server is refused (next.config.ts refuses `next start` before it listens).
  if (parsed.data.NODE_ENV === "production" && process.env.NEXT_PHASE !== "phase-production-build") {
    const refusal = exampleSecretsMessage(process.env);
    if (refusal) throw new Error(refusal);
  }
  return parsed.data;
}

export const env: Env = load();
