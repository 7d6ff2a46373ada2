import "server-only";
import { listAppDevices } from "@/lib/chekt/api/app-devices";
import type { components } from "@/lib/chekt/schema";
import { isChektError } from "@/lib/chekt/errors";
import { BudgetWaitError } from "@/lib/chekt/budget-wait";
import { env } from "@/lib/env";
import { diagnoseChektError, type Diagnosis } from "./diagnose";
import { resolveApiKey } from "./credentials";

/** A device as CHeKT Apps lists it (the OpenAPI document's V1Device). */
export type AppDevice = components["schemas"]["V1Device"];
export type AppDevicesPage =
  | {
      ok: true;
      devices: AppDevice[];
      hasMore: boolean;
      nextCursor: string | null;
      traceId: string;
      /** When CHeKT answered (ISO): the list is a reading, not a live view, so the page says when. */
      readAt: string;
    }
  | { ok: false; diagnosis: Diagnosis };

/**
 * One cursor page of GET /v1/devices with the dealer's CHeKT App key, at the interactive "read" class:
 * only a person's click asks (loadAppDevicesAction), never a page view. Called within runInteractive, a
 * read the budget would hold long throws BudgetWaitError (nothing sent): the action hands it to the page,
 * which counts down and reads again, so it is not a problem to diagnose.
 */
export async function appDevicesPage(
  dealerLinkId: string,
  cursor: string | undefined,
  limit: number,
  traceId?: string,
): Promise<AppDevicesPage> {
  const apiKey = await resolveApiKey(dealerLinkId);
  if (!apiKey) {
    return {
      ok: false,
      diagnosis: {
        ok: false,
        bucket: "invalid_api_key",
        title: "No API key configured",
        detail: "This dealer has no CHeKT App API key. Save one on the Settings page.",
        ms: 0,
      },
    };
  }
  try {
    // A short deadline for the waits the gateway sits out itself; CHeKT's 429 with a longer Retry-After comes
    // back as BudgetWaitError, which the page counts down (lib/chekt/transport.ts).
    const { page, traceId: echoed } = await listAppDevices(
      apiKey,
      { limit, cursor },
      {
        traceId,
        budgetClass: "read",
        deadlineMs: 8000,
      },
    );
    return {
      ok: true,
      devices: page.data,
      hasMore: page.has_more,
      nextCursor: page.next_cursor ?? null,
      traceId: echoed,
      readAt: new Date().toISOString(),
    };
  } catch (error) {
    if (error instanceof BudgetWaitError) throw error;
    if (isChektError(error))
      return {
        ok: false,
        diagnosis: diagnoseChektError(error, {
          label: "GET /v1/devices",
          surface: "app",
          scope: "devices:read",
          baseUrl: env.CHEKT_API_BASE_URL,
        }),
      };
    throw error;
  }
}
