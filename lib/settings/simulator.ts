import "server-only";
import { ActionError } from "@/lib/actions/errors";
import { errorText } from "@/lib/error-text";

// Asks the CHeKT simulator (never the real CHeKT) to deliver a signed test event to the dealer's
// CHeKT App webhook URL, so an admin can watch one arrive in the webhook log.

export type TestEventResult = { appId: string; eventId: string | null; deliveryId: string | null; url: string | null };

type Sim = { baseUrl: string; token: string };

async function simCall(
  sim: Sim,
  method: "GET" | "POST",
  path: string,
  traceId: string,
  body?: unknown,
): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(`${sim.baseUrl.replace(/\/+$/, "")}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${sim.token}`,
        "x-partner-trace-id": traceId,
        ...(body ? { "content-type": "application/json" } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new ActionError("network", `The simulator did not answer (${errorText(error)}).`);
  }
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: the status below says enough */
  }
  if (!res.ok) {
    const message = (parsed as { error?: { message?: string } } | null)?.error?.message;
    throw new ActionError(
      "simulator_refused",
      `The simulator refused ${path} (${res.status}${message ? `: ${message}` : ""}).`,
    );
  }
  return parsed;
}

export async function requestSimulatorTestEvent(
  sim: Sim,
  chektDealerId: number,
  traceId: string,
): Promise<TestEventResult> {
  const apps = (await simCall(sim, "GET", "/_sim/apps", traceId)) as Array<{
    id: string;
    dealer_id: number;
    webhook_url: string | null;
  }>;
  const app = apps.find((a) => a.dealer_id === chektDealerId && a.webhook_url);
  if (!app)
    throw new ActionError("no_app", `The simulator has no CHeKT App with a webhook URL for dealer ${chektDealerId}.`);
  const r = (await simCall(sim, "POST", "/_sim/webhooks/test", traceId, { app_id: app.id })) as {
    event_id?: string;
    delivery_id?: string | null;
    url?: string;
  };
  return { appId: app.id, eventId: r.event_id ?? null, deliveryId: r.delivery_id ?? null, url: r.url ?? null };
}
