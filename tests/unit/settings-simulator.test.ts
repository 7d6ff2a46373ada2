// The settings page's "send a test event" asks the simulator's control API: it lists the Apps, picks
// the dealer's one with a webhook URL and asks for a test delivery. An answer of another shape is
// refused with words, never read as if it were right.
import { afterEach, describe, expect, it, vi } from "vitest";
import { requestSimulatorTestEvent } from "@/lib/settings/simulator";

const sim = { baseUrl: "http://sim.test/", token: "t" };
const apps = [
  { id: "app_1", dealer_id: 7, webhook_url: null, name: "no hook" },
  { id: "app_2", dealer_id: 7, webhook_url: "https://console.test/api/webhooks/chekt", name: "hooked" },
];

/** The simulator answering each path with `answers[path]` (a body and a status). */
function simAnswers(answers: Record<string, { body: unknown; status?: number }>) {
  const asked: string[] = [];
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    const path = new URL(url).pathname;
    asked.push(`${init.method} ${path}`);
    const a = answers[path] ?? { body: { error: { code: "not_found", message: "no route" } }, status: 404 };
    return new Response(typeof a.body === "string" ? a.body : JSON.stringify(a.body), { status: a.status ?? 200 });
  });
  return asked;
}

describe("requestSimulatorTestEvent", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("asks for a delivery to the dealer's App with a webhook URL and returns what the simulator sent", async () => {
    const asked = simAnswers({
      "/_sim/apps": { body: apps },
      "/_sim/webhooks/test": { body: { event_id: "evt_1", delivery_id: null, url: apps[1]!.webhook_url }, status: 202 },
    });
    expect(await requestSimulatorTestEvent(sim, 7, "trace-1")).toEqual({
      appId: "app_2",
      eventId: "evt_1",
      deliveryId: null,
      url: "https://console.test/api/webhooks/chekt",
    });
    expect(asked).toEqual(["GET /_sim/apps", "POST /_sim/webhooks/test"]);
  });

  it("a refusal quotes the envelope's message, and only a message that is text", async () => {
    simAnswers({ "/_sim/apps": { body: { error: { code: "unauthorized", message: "bad token" } }, status: 401 } });
    await expect(requestSimulatorTestEvent(sim, 7, "t")).rejects.toMatchObject({
      code: "simulator_refused",
      message: "The simulator refused /_sim/apps (401: bad token).",
    });
    simAnswers({ "/_sim/apps": { body: { error: { message: { text: "bad token" } } }, status: 401 } });
    await expect(requestSimulatorTestEvent(sim, 7, "t")).rejects.toMatchObject({
      message: "The simulator refused /_sim/apps (401).",
    });
    simAnswers({ "/_sim/apps": { body: "<html>Bad Gateway</html>", status: 502 } });
    await expect(requestSimulatorTestEvent(sim, 7, "t")).rejects.toMatchObject({
      message: "The simulator refused /_sim/apps (502).",
    });
  });

  it("an App list of another shape is refused with words, not read", async () => {
    for (const body of [{ apps }, [{ id: "app_2", dealer_id: "7", webhook_url: "https://x" }], ""]) {
      simAnswers({ "/_sim/apps": { body } });
      await expect(requestSimulatorTestEvent(sim, 7, "t")).rejects.toMatchObject({
        code: "simulator_refused",
        message: "The simulator's answer to /_sim/apps did not read as expected.",
      });
    }
  });

  it("no App of the dealer with a webhook URL: says so, and asks for no delivery", async () => {
    const asked = simAnswers({ "/_sim/apps": { body: apps.slice(0, 1) } });
    await expect(requestSimulatorTestEvent(sim, 7, "t")).rejects.toMatchObject({ code: "no_app" });
    expect(asked).toEqual(["GET /_sim/apps"]);
  });

  it("a delivery answer of another shape is refused with words", async () => {
    for (const body of [[], { event_id: 12 }, ""]) {
      simAnswers({ "/_sim/apps": { body: apps }, "/_sim/webhooks/test": { body, status: 202 } });
      await expect(requestSimulatorTestEvent(sim, 7, "t")).rejects.toMatchObject({
        code: "simulator_refused",
        message: "The simulator's answer to /_sim/webhooks/test did not read as expected.",
      });
    }
  });
});
