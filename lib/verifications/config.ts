import "server-only";
import { z } from "zod";

// The alarm desk's own tunables, validated once; a bad value stops the app with its name. Kept
// apart from lib/env.ts so the desk can be configured (and tested with short leases) on its own.
const schema = z.object({
  /** How long a claim outlives its last heartbeat (the claimer's detail view renews it). */
  VERIFICATION_LEASE_SECONDS: z.coerce.number().int().min(3).max(3600).default(30),
  /** How long an answer keeps retrying on 429/5xx/dropped connections before the desk says "may or may not". */
  VERIFICATION_ANSWER_RETRY_SECONDS: z.coerce.number().int().min(5).max(600).default(60),
  /** Cap of the snapshot image store in Postgres; the oldest images go first. */
  SNAPSHOT_STORE_MAX_MB: z.coerce.number().min(1).max(100_000).default(512),
  /**
   * How often the queue's live stream asks again whether its viewer may still see it, and keeps idle
   * proxies from closing it: a session ended elsewhere stops the stream within this. Shorter behind a
   * proxy with a shorter idle timeout; the end-to-end stack uses a short one so a refusal shows in seconds.
   */
  LIVE_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(60).default(15),
});

export type DeskConfig = z.infer<typeof schema>;
let cached: DeskConfig | null = null;

export function deskConfig(): DeskConfig {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(
      `Invalid configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`,
    );
  }
  cached = parsed.data;
  return cached;
}

export const leaseMs = () => deskConfig().VERIFICATION_LEASE_SECONDS * 1000;

export const liveHeartbeatMs = () => deskConfig().LIVE_HEARTBEAT_SECONDS * 1000;
