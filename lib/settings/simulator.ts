import "server-only";
import { ActionError } from "@/lib/actions/errors";

// Asks the CHeKT simulator (never the real CHeKT) to deliver a signed test event to the dealer's
// webhook URL, so an admin can see one arrive in the webhook log.

export type TestEventResult = { eventId: string | null; status: number };

export async function requestSimulatorTestEvent(sim: { baseUrl: string; token: string }, chektDealerId: number, traceId: string): Promise<TestEventResult> {
  let res: Response;
  try {
    res = await fetch(`${sim.baseUrl.replace(/\/+$/, "")}/_sim/webhooks/test`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${sim.token}`, "x-partner-trace-id": traceId },
      body: JSON.stringify({ dealer_id: chektDealerId }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new ActionError("network", `The simulator did not answer (${(error as Error).message}).`);
  }
  const text = await res.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    /* not JSON: reported below by status */
  }
  if (!res.ok) {
    const err = body.error as { message?: string } | undefined;
    throw new ActionError("simulator_refused", `The simulator refused the test event (${res.status}${err?.message ? `: ${err.message}` : ""}).`);
  }
  const eventId = typeof body.event_id === "string" ? body.event_id : typeof body.id === "string" ? body.id : null;
  return { eventId, status: res.status };
}
