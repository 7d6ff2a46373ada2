import "server-only";
import { prisma } from "@/lib/db";
import type { DealerLink } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { LruMap } from "@/lib/lru";
import { decryptSecret } from "@/lib/secrets";
import { isConnected, MAYBE_CONNECTED } from "@/lib/dealer-connected";

/**
 * The CHeKT dealer whose App secrets may come from the environment (CHEKT_WEBHOOK_SECRET,
 * CHEKT_API_KEY) when its row holds none: CHEKT_APP_DEALER_ID, the dealer that App belongs to (by
 * default 1, the simulator's seeded App, simulator/seed.ts DEMO.app.dealerId, which prisma/seed.ts
 * links as the default dealer). Keyed on
 * CHeKT's id for the dealer, which CHeKT assigns when its admin approves the connection, never on our
 * dealer ID: any dealer admin picks that when connecting, so a dealer connected as "acme-security"
 * while no link held it (or after the default dealer was reconnected under another ID) would inherit
 * the App key and signing secret, and catch-up would pull the default dealer's events into its link.
 * Every other dealer needs secrets of its own.
 */
export const ENV_SECRETS_CHEKT_DEALER_ID = env.CHEKT_APP_DEALER_ID;

/** Whether the environment's App secrets are this link's fallback (see ENV_SECRETS_CHEKT_DEALER_ID). */
export const usesEnvSecrets = (link: Pick<DealerLink, "chektDealerId">): boolean =>
  link.chektDealerId === ENV_SECRETS_CHEKT_DEALER_ID;

export type DealerSecrets = Pick<DealerLink, "externalDealerId" | "chektDealerId"> & {
  dealerLinkId: string;
  connected: boolean;
  webhookSecret: string | null;
  apiKey: string | null;
};

type Row = Pick<
  DealerLink,
  "id" | "externalDealerId" | "chektDealerId" | "connectedAt" | "disconnectedAt" | "webhookSecretEnc" | "apiKeyEnc"
>;

/**
 * A dealer's own sealed value wins; the env value is the fallback for the default dealer only, known
 * by its CHeKT dealer id. Settings shows which of the two applies (lib/settings/credentials.ts).
 */
export function effectiveSecret(
  sealed: string | null,
  envValue: string | undefined,
  isDefault: boolean,
): { value: string | null; source: "dealer" | "env" | "none" } {
  if (sealed) return { value: decryptSecret(sealed, env.SECRETS_ENCRYPTION_KEY), source: "dealer" };
  if (envValue && isDefault) return { value: envValue, source: "env" };
  return { value: null, source: "none" };
}

function toSecrets(row: Row): DealerSecrets {
  const isDefault = usesEnvSecrets(row);
  return {
    dealerLinkId: row.id,
    externalDealerId: row.externalDealerId,
    chektDealerId: row.chektDealerId,
    connected: isConnected(row),
    webhookSecret: effectiveSecret(row.webhookSecretEnc, env.CHEKT_WEBHOOK_SECRET, isDefault).value,
    apiKey: effectiveSecret(row.apiKeyEnc, env.CHEKT_API_KEY, isDefault).value,
  };
}

// A webhook burst would otherwise decrypt the same secret thousands of times; 10 s keeps a
// rotated secret effective quickly while sparing Postgres and the CPU. Keys come from the URL, so
// only known dealers are cached (an unknown key costs one indexed lookup and is counted by
// receive.ts) and the cache is capped.
const TTL_MS = 10_000;
export const DEALER_CACHE_CAP = 1_000;
const cache = new LruMap<string, { at: number; value: DealerSecrets }>(DEALER_CACHE_CAP);

const select = {
  id: true,
  externalDealerId: true,
  chektDealerId: true,
  connectedAt: true,
  disconnectedAt: true,
  webhookSecretEnc: true,
  apiKeyEnc: true,
} as const;

// Lookups under way, by key: when an entry expires in the middle of a burst, every request in
// flight missed at once and each ran its own query and decryption (profiled: Prisma compiling the
// same query dozens of times every 10 s); now they share the first one's answer.
const loading = new Map<string, Promise<DealerSecrets | null>>();
/** Bumped by forgetDealerSecrets: a lookup that began before a secret changed must not cache what it read. */
let generation = 0;

/** By the key in the webhook URL (DealerLink.externalDealerId). Null when no such link. */
export function secretsByDealerKey(dealerKey: string): Promise<DealerSecrets | null> {
  const hit = cache.get(dealerKey);
  if (hit && Date.now() - hit.at < TTL_MS) return Promise.resolve(hit.value);
  const pending = loading.get(dealerKey);
  if (pending) return pending;
  const load = loadByDealerKey(dealerKey).finally(() => {
    // Only its own entry: after a forget, a newer lookup of the key may be under way.
    if (loading.get(dealerKey) === load) loading.delete(dealerKey);
  });
  loading.set(dealerKey, load);
  return load;
}

async function loadByDealerKey(dealerKey: string): Promise<DealerSecrets | null> {
  const started = generation;
  const row = await prisma.dealerLink.findUnique({ where: { externalDealerId: dealerKey }, select });
  if (!row) return null;
  const value = toSecrets(row);
  if (started === generation) cache.set(dealerKey, { at: Date.now(), value });
  return value;
}

export async function secretsByLinkId(dealerLinkId: string): Promise<DealerSecrets | null> {
  const row = await prisma.dealerLink.findUnique({ where: { id: dealerLinkId }, select });
  return row ? toSecrets(row) : null;
}

export async function connectedDealerSecrets(): Promise<DealerSecrets[]> {
  const rows = await prisma.dealerLink.findMany({ where: MAYBE_CONNECTED, select });
  return rows.filter(isConnected).map(toSecrets);
}

export function forgetDealerSecrets() {
  generation++;
  loading.clear();
  cache.clear();
}

/** Entries held now (tests check the cap). */
export function dealerSecretsCacheSize(): number {
  return cache.size;
}
