import { SimError } from "./errors";

/** A fault rule from POST /_sim/faults. Shares are 0..1. */
export interface Fault {
  id: string;
  /** Glob on the URL path: `*` = one segment's characters, `**` = anything. */
  path: string;
  method: string | null;
  rate_429: number;
  /** The Retry-After (seconds) of an injected 429: a long one is CHeKT lowering its limit before our budget knows. */
  retry_after_s: number;
  rate_5xx: number;
  status_5xx: number;
  delay_ms: number;
  drop_rate: number;
  /**
   * `before` (default): the fault hits before CHeKT does anything. `after`: the request is applied,
   * then its answer is delayed, replaced by the error, or lost with the connection — the case
   * where only an Idempotency-Key saves a retry from writing twice.
   */
  when: "before" | "after";
  /** Stop after this many matching requests (null = forever). */
  remaining: number | null;
  matched: number;
}

export function globToRegExp(glob: string): RegExp {
  const re = glob
    .split("**")
    .map((part) =>
      part
        .split("*")
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
        .join("[^/]*"),
    )
    .join(".*");
  return new RegExp(`^${re}$`);
}

export type FaultOutcome = { kind: "drop" } | { kind: "error"; error: SimError } | { kind: "pass" };

export class Faults {
  rules: Array<Fault & { re: RegExp }> = [];
  private seq = 0;
  random: () => number = Math.random;

  add(input: Omit<Fault, "id" | "matched">): Fault {
    const f = { ...input, id: `flt_${++this.seq}`, matched: 0, re: globToRegExp(input.path) };
    this.rules.push(f);
    return this.view(f);
  }

  view(f: Fault & { re?: RegExp }): Fault {
    const { re: _re, ...rest } = f;
    return rest;
  }

  clear() {
    this.rules = [];
  }

  /** Decide what happens to a request; `delay` is awaited by the caller before `outcome`. */
  match(method: string, path: string): { delayMs: number; outcome: FaultOutcome; when: "before" | "after" } | null {
    const f = this.rules.find(
      (r) =>
        r.re.test(path) &&
        (!r.method || r.method.toUpperCase() === method.toUpperCase()) &&
        (r.remaining === null || r.remaining > 0),
    );
    if (!f) return null;
    f.matched++;
    if (f.remaining !== null) f.remaining--;
    const roll = this.random();
    let outcome: FaultOutcome = { kind: "pass" };
    if (roll < f.drop_rate) outcome = { kind: "drop" };
    else if (roll < f.drop_rate + f.rate_429)
      outcome = {
        kind: "error",
        error: new SimError(429, "rate_limited", "rate limited (injected fault)", undefined, undefined, {
          "retry-after": String(f.retry_after_s),
        }),
      };
    else if (roll < f.drop_rate + f.rate_429 + f.rate_5xx)
      outcome = {
        kind: "error",
        error: new SimError(
          f.status_5xx,
          f.status_5xx === 503 ? "service_unavailable" : "internal_error",
          `server error ${f.status_5xx} (injected fault)`,
          undefined,
          undefined,
          f.status_5xx === 503 ? { "retry-after": "1" } : {},
        ),
      };
    return { delayMs: f.delay_ms, outcome, when: f.when };
  }
}
