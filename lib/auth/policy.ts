// Session lifetimes from the environment. No "server-only" and no Node APIs: lib/auth/config.ts
// (loaded by proxy.ts too) sets the cookie's lifetime from it. lib/env.ts validates the same variables.

/** Defaults: a shift is 12 hours; an unattended console signs out after 4 idle hours. */
export const DEFAULT_IDLE_MINUTES = 240;
export const DEFAULT_MAX_HOURS = 12;

function positive(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return raw !== undefined && raw !== "" && Number.isFinite(n) && n > 0 ? n : fallback;
}

export function sessionPolicy(env: Record<string, string | undefined> = process.env): {
  idleMs: number;
  absoluteMs: number;
} {
  return {
    idleMs: positive(env.SESSION_IDLE_MINUTES, DEFAULT_IDLE_MINUTES) * 60_000,
    absoluteMs: positive(env.SESSION_MAX_HOURS, DEFAULT_MAX_HOURS) * 60 * 60_000,
  };
}
