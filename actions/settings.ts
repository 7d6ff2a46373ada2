"use server";
import { revalidatePath } from "next/cache";
import { actionClient } from "@/lib/actions/client";
import { ActionError } from "@/lib/actions/errors";
import { prisma } from "@/lib/db";
import { appDevicesPage } from "@/lib/settings/app-devices";
import { runConnectionCheck } from "@/lib/settings/check";
import { forgetCachedSecrets, seal, simulatorControl } from "@/lib/settings/credentials";
import { maskSecret } from "@/lib/settings/mask";
import {
  appDevicesSchema,
  checkConnectionSchema,
  setDealerSecretsSchema,
  testEventSchema,
} from "@/lib/settings/schemas";
import { requestSimulatorTestEvent } from "@/lib/settings/simulator";

export const checkConnectionAction = actionClient
  .metadata({ name: "settings.check_connection", role: "admin", objectKind: "settings", notAudited: true })
  .inputSchema(checkConnectionSchema)
  .action(async ({ parsedInput }) => runConnectionCheck(parsedInput.dealerLinkId));

/** Each secret a dealer link holds: its form field, the box that clears it, its sealed column. */
const DEALER_SECRETS = [
  { input: "apiKey", clear: "clearApiKey", column: "apiKeyEnc" },
  { input: "webhookSecret", clear: "clearWebhookSecret", column: "webhookSecretEnc" },
] as const;

/** Write-only: the new values are sealed at once; the audit row keeps only their masked form. */
export const setDealerSecretsAction = actionClient
  .metadata({ name: "settings.set_dealer_secrets", role: "admin", objectKind: "dealer" })
  .inputSchema(setDealerSecretsSchema)
  .action(async ({ parsedInput, ctx }) => {
    const link = await prisma.dealerLink.findUnique({ where: { id: parsedInput.dealerLinkId } });
    if (!link)
      throw new ActionError("not_found", "That dealer link no longer exists.", { dealerLinkId: "Unknown dealer" });
    const data: { apiKeyEnc?: string | null; webhookSecretEnc?: string | null } = {};
    const after: Record<string, string> = {};
    for (const { input, clear, column } of DEALER_SECRETS) {
      const value = parsedInput[input];
      if (value) {
        data[column] = seal(value);
        after[input] = (maskSecret(value) as { masked: string }).masked;
      } else if (parsedInput[clear]) {
        data[column] = null;
        after[input] = "cleared";
      }
    }
    await ctx.commit(
      {
        chektId: link.chektDealerId,
        externalId: link.externalDealerId,
        dealerLinkId: link.id,
        before: { apiKey: link.apiKeyEnc ? "set" : "unset", webhookSecret: link.webhookSecretEnc ? "set" : "unset" },
        after,
      },
      (tx) => tx.dealerLink.update({ where: { id: link.id }, data }),
    );
    forgetCachedSecrets();
    revalidatePath("/settings");
    return { saved: Object.keys(after) };
  });

export const sendTestEventAction = actionClient
  .metadata({ name: "settings.send_test_event", role: "admin", objectKind: "dealer" })
  .inputSchema(testEventSchema)
  .action(async ({ parsedInput, ctx }) => {
    const sim = simulatorControl();
    if (!sim)
      throw new ActionError(
        "not_available",
        "Test events need the CHeKT simulator (CHEKT_SIM_ADMIN_TOKEN is not set). With the real CHeKT, " +
          "send one from the dealer portal.",
      );
    const link = await prisma.dealerLink.findUnique({ where: { id: parsedInput.dealerLinkId } });
    if (!link)
      throw new ActionError("not_found", "That dealer link no longer exists.", { dealerLinkId: "Unknown dealer" });
    const result = await requestSimulatorTestEvent(sim, link.chektDealerId, ctx.traceId);
    await ctx.commit({
      chektId: link.chektDealerId,
      externalId: link.externalDealerId,
      dealerLinkId: link.id,
      after: result,
    });
    return result;
  });

/** "Load more" on /settings/app-devices: the next cursor page. */
export const loadAppDevicesAction = actionClient
  .metadata({ name: "settings.list_app_devices", role: "admin", objectKind: "device", notAudited: true })
  .inputSchema(appDevicesSchema)
  .action(async ({ parsedInput, ctx }) =>
    appDevicesPage(parsedInput.dealerLinkId, parsedInput.cursor, parsedInput.limit, ctx.traceId),
  );
