import "server-only";
import { env } from "@/lib/env";
import { prisma } from "@/lib/db";
import { encryptSecret } from "@/lib/secrets";
import {
  effectiveSecret,
  ENV_SECRETS_CHEKT_DEALER_ID,
  forgetDealerSecrets,
  secretsByLinkId,
  usesEnvSecrets,
} from "@/lib/webhooks/dealer-secrets";
import { maskPrivateKey, maskSecret, type MaskedCredential } from "./mask";
import { linkSummary, type LinkSummary } from "@/lib/dealer-connected";
import { errorText } from "@/lib/error-text";

// Which credentials are configured, masked. Values are decrypted here only to mask them; the
// page receives `MaskedCredential`s, never a value.

export type CredentialRow = { name: string; source: string; value: MaskedCredential; note?: string };

export type DealerCredentials = LinkSummary & {
  apiKey: MaskedCredential & { source: "dealer" | "env" | "none" };
  webhookSecret: MaskedCredential & { source: "dealer" | "env" | "none" };
  unreadable?: string;
};

/** The env App secrets' owner (lib/webhooks/dealer-secrets.ts), as Settings names it. */
const DEFAULT_DEALER = `CHeKT dealer ${ENV_SECRETS_CHEKT_DEALER_ID} (the default dealer)`;

export function envCredentials(): CredentialRow[] {
  return [
    { name: "Client ID", source: "CHEKT_CLIENT_ID", value: maskSecret(env.CHEKT_CLIENT_ID) },
    { name: "Client secret", source: "CHEKT_CLIENT_SECRET", value: maskSecret(env.CHEKT_CLIENT_SECRET) },
    {
      name: "Private key (JWT client assertion)",
      source: "CHEKT_PRIVATE_KEY",
      value: maskPrivateKey(env.CHEKT_PRIVATE_KEY),
      note: "Used instead of the client secret when that is unset.",
    },
    {
      name: "CHeKT App API key (default)",
      source: "CHEKT_API_KEY",
      value: maskSecret(env.CHEKT_API_KEY),
      note: `Used for ${DEFAULT_DEALER} when it has no key of its own.`,
    },
    {
      name: "Webhook signing secret (default)",
      source: "CHEKT_WEBHOOK_SECRET",
      value: maskSecret(env.CHEKT_WEBHOOK_SECRET),
      note: `Used for ${DEFAULT_DEALER} when it has no secret of its own.`,
    },
  ];
}

export async function dealerCredentials(): Promise<DealerCredentials[]> {
  const links = await prisma.dealerLink.findMany({ orderBy: { chektDealerId: "asc" } });
  return links.map((l) => {
    const base = linkSummary(l);
    try {
      const isDefault = usesEnvSecrets(l);
      const key = effectiveSecret(l.apiKeyEnc, env.CHEKT_API_KEY, isDefault);
      const secret = effectiveSecret(l.webhookSecretEnc, env.CHEKT_WEBHOOK_SECRET, isDefault);
      return {
        ...base,
        apiKey: { ...maskSecret(key.value), source: key.source },
        webhookSecret: { ...maskSecret(secret.value), source: secret.source },
      };
    } catch (error) {
      // Sealed under another SECRETS_ENCRYPTION_KEY or tampered: say so rather than crash the page.
      return {
        ...base,
        apiKey: { set: false, source: "none" },
        webhookSecret: { set: false, source: "none" },
        unreadable:
          `A stored secret cannot be decrypted (${errorText(error)}). Was SECRETS_ENCRYPTION_KEY ` +
          "changed? Save the values again.",
      };
    }
  });
}

/** The API key to use for a dealer link's /v1 calls, or null when none is configured. */
export async function resolveApiKey(dealerLinkId: string): Promise<string | null> {
  return (await secretsByLinkId(dealerLinkId))?.apiKey ?? null;
}

/** After a secret changes, the receiver's short cache must not keep the old one. */
export const forgetCachedSecrets = forgetDealerSecrets;

export function seal(value: string): string {
  return encryptSecret(value, env.SECRETS_ENCRYPTION_KEY);
}

export function webhookUrlFor(externalDealerId: string): string {
  return `${env.APP_URL.replace(/\/+$/, "")}/api/webhooks/chekt/${encodeURIComponent(externalDealerId)}`;
}

/** The test-event button exists only when this app talks to the simulator it may control. */
export function simulatorControl(): { baseUrl: string; token: string } | null {
  return env.CHEKT_SIM_ADMIN_TOKEN ? { baseUrl: env.CHEKT_API_BASE_URL, token: env.CHEKT_SIM_ADMIN_TOKEN } : null;
}
