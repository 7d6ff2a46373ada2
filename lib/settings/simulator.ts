import "server-only";
import { z } from "zod";
import { ActionError } from "@/lib/actions/errors";
import { errorEnvelope } from "@/lib/chekt/errors";
import { errorText } from "@/lib/error-text";

// Asks the CHeKT simulator (never the real CHeKT) to deliver a signed test event to the dealer's
// CHeKT App webhook URL, so an admin can watch one arrive in the webhook log.

export type TestEventResult = { appId: string; eventId: string | null; deliveryId: string | null; url: string | null };

type Sim = { baseUrl: string; token: string };

// What this module reads of the simulator's answers (simulator/control-apps.ts, control-webhooks.ts).
const simApps = z.array(z.object({ id: z.string(), dealer_id: z.number(), webhook_url: z.string().nullable() }));
const testDelivery = z.object({
  event_id: z.string().optional(),
  delivery_id: z.string().nullable().optional(),
  url: z.string().optional(),
});

const unreadable = (path: string) =>
  new ActionError("simulator_refused", `The simulator's answer to ${path} did not read as expected.`);

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
    const envelope = errorEnvelope.safeParse(parsed);
    const message =
      envelope.success && typeof envelope.data.error.message === "string" ? envelope.data.error.message : "";
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
  const apps = simApps.safeParse(await simCall(sim, "GET", "/_sim/apps", traceId));
  if (!apps.success) throw unreadable("/_sim/apps");
  const app = apps.data.find((a) => a.dealer_id === chektDealerId && a.webhook_url);
  if (!app)
    throw new ActionError("no_app", `The simulator has no CHeKT App with a webhook URL for dealer ${chektDealerId}.`);
  const sent = testDelivery.safeParse(await simCall(sim, "POST", "/_sim/webhooks/test", traceId, { app_id: app.id }));
  if (!sent.success) throw unreadable("/_sim/webhooks/test");
  const r = sent.data;
  return { appId: app.id, eventId: r.event_id ?? null, deliveryId: r.delivery_id ?? null, url: r.url ?? null };
}
