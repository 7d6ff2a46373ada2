import "server-only";
import { env } from "@/lib/env";
import { prisma } from "@/lib/db";
import { checkConnection, type ConnectionReport } from "./connection-check";
import { resolveApiKey } from "./credentials";

/** The connection check with this install's configuration, for one dealer link (or none). */
export async function runConnectionCheck(
  dealerLinkId: string | undefined,
): Promise<ConnectionReport & { dealer: { id: string; companyName: string; chektDealerId: number } | null }> {
  const link = dealerLinkId ? await prisma.dealerLink.findUnique({ where: { id: dealerLinkId } }) : null;
  const report = await checkConnection({
    baseUrl: env.CHEKT_API_BASE_URL,
    clientId: env.CHEKT_CLIENT_ID,
    clientSecret: env.CHEKT_CLIENT_SECRET,
    privateKey: env.CHEKT_PRIVATE_KEY,
    apiKey: link ? ((await resolveApiKey(link.id)) ?? undefined) : undefined,
    chektDealerId: link?.chektDealerId,
    timeoutMs: Math.min(env.CHEKT_REQUEST_TIMEOUT_MS, 8000),
  });
  return {
    ...report,
    dealer: link ? { id: link.id, companyName: link.companyName, chektDealerId: link.chektDealerId } : null,
  };
}
