/** Tunables of one simulator instance. Env-derived defaults live in main.ts; tests pass overrides. */
export interface SimConfig {
  /** Lifetime of client-credentials and user tokens, seconds. */
  tokenTtlS: number;
  /** Token bucket: sustained requests per minute and burst (bucket size). */
  rateLimitPerMin: number;
  rateLimitBurstPerS: number;
  /** Multiplies the webhook retry schedule (1 s, 5 s, 30 s …); 0.01 makes it 10 ms, 50 ms, 300 ms … */
  webhookRetryScale: number;
  /** Per-attempt webhook answer timeout, ms (contract: 30 s). */
  webhookTimeoutMs: number;
  /** Most items in one bulk device request. */
  maxBulk: number;
  /** When set, /_sim/* needs `Authorization: Bearer <adminToken>`. */
  adminToken: string | null;
  /** Default verification lifetime, seconds (contract: 10 minutes). */
  verificationTtlS: number;
  /** Authorization codes live this long, seconds. */
  authCodeTtlS: number;
  /** How long Idempotency-Key answers are kept, seconds (contract: 24 h). */
  idempotencyTtlS: number;
  /** How long a rotated-out API key keeps working, seconds (contract: 24 h). */
  keyGraceS: number;
  /** Base URL put into snapshot URLs; defaults to the listening address. */
  publicUrl: string | null;
  /** Check every JSON answer against the document and turn a mismatch into a 500 (tests). */
  validateResponses: boolean;
  /**
   * Error body shape: the CHeKT envelope, or the NestJS-style `{statusCode, error, message[]}` a
   * draft Partner API may send (so clients can prove they read both).
   */
  errorShape: "envelope" | "nest";
  /** Log each request to stdout. */
  logRequests: boolean;
}

export const defaultConfig: SimConfig = {
  tokenTtlS: 3600,
  rateLimitPerMin: 60,
  rateLimitBurstPerS: 5,
  webhookRetryScale: 1,
  webhookTimeoutMs: 30_000,
  maxBulk: 100,
  adminToken: null,
  verificationTtlS: 600,
  authCodeTtlS: 60,
  idempotencyTtlS: 24 * 3600,
  keyGraceS: 24 * 3600,
  publicUrl: null,
  validateResponses: false,
  errorShape: "envelope",
  logRequests: false,
};
