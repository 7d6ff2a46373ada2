"use server";
import { revalidatePath } from "next/cache";
import { actionClient, namedDealerActionClient } from "@/lib/actions/client";
import { ActionError } from "@/lib/actions/errors";
import { runInteractive } from "@/lib/chekt/budget-wait";
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

// The settings actions work on the dealer the page picked (`?dealer=`, lib/settings/dealers.ts), which
// their input names: the role is checked there (dealer: "named") and the body reads ctx.dealer.

/** The connection check for the picked dealer: its CHeKT dealer and its App key. */
export const checkConnectionAction = namedDealerActionClient
  .metadata({
    name: "settings.check_connection",
    role: "admin",
    objectKind: "settings",
    notAudited: true,
    dealer: "named",
  })
  .inputSchema(checkConnectionSchema)
  .action(async ({ ctx }) => runConnectionCheck(ctx.dealer.id));

/**
 * The connection check before any dealer is connected (the owner's first run): the environment's
 * credentials only, so it names no dealer and the role counts in the current one.
 */
export const checkEnvConnectionAction = actionClient
  .metadata({ name: "settings.check_env_connection", role: "admin", objectKind: "settings", notAudited: true })
  .action(async () => runConnectionCheck(undefined));

/** Each secret a dealer link holds: its form field, the box that clears it, its sealed column. */
const DEALER_SECRETS = [
  { input: "apiKey", clear: "clearApiKey", column: "apiKeyEnc" },
  { input: "webhookSecret", clear: "clearWebhookSecret", column: "webhookSecretEnc" },
] as const;

/** Write-only: the new values are sealed at once; the audit row keeps only their masked form. */
export const setDealerSecretsAction = namedDealerActionClient
  .metadata({ name: "settings.set_dealer_secrets", role: "admin", objectKind: "dealer", dealer: "named" })
  .inputSchema(setDealerSecretsSchema)
  .action(async ({ parsedInput, ctx }) => {
    const link = await prisma.dealerLink.findUnique({ where: { id: ctx.dealer.id } });
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

export const sendTestEventAction = namedDealerActionClient
  .metadata({ name: "settings.send_test_event", role: "admin", objectKind: "dealer", dealer: "named" })
  .inputSchema(testEventSchema)
  .action(async ({ ctx }) => {
    const sim = simulatorControl();
    if (!sim)
      throw new ActionError(
        "not_available",
        "Test events need the CHeKT simulator (CHEKT_SIM_ADMIN_TOKEN is not set). With the real CHeKT, " +
          "send one from the dealer portal.",
      );
    const result = await requestSimulatorTestEvent(sim, ctx.dealer.chektDealerId, ctx.traceId);
    await ctx.commit({ chektId: ctx.dealer.chektDealerId, externalId: ctx.dealer.externalDealerId, after: result });
    return result;
  });

/**
 * "Read from CHeKT" and "Load more" on /settings/app-devices: a cursor page of the App key's devices.
 * The page itself makes no CHeKT call; a read changes nothing, so it is not audited (like the check).
 * Interactive, as the freshness line's Refresh (lib/mirror/actions.ts): a read the shared budget would
 * hold long is handed back unsent (budget_wait), and the page counts down and reads by itself.
 */
export const loadAppDevicesAction = namedDealerActionClient
  .metadata({
    name: "settings.list_app_devices",
    role: "admin",
    objectKind: "device",
    notAudited: true,
    dealer: "named",
  })
  .inputSchema(appDevicesSchema)
  .action(async ({ parsedInput, ctx }) =>
    runInteractive(() => appDevicesPage(ctx.dealer.id, parsedInput.cursor, parsedInput.limit, ctx.traceId)),
  );
