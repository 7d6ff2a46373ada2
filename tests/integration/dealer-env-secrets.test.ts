// The environment's CHeKT App secrets (CHEKT_API_KEY, CHEKT_WEBHOOK_SECRET) belong to one CHeKT dealer:
// the simulator's App dealer. They follow that dealer's CHeKT id, which CHeKT assigns, never our dealer ID,
// which any dealer admin picks when connecting (lib/webhooks/dealer-secrets.ts). Otherwise a dealer connected
// as "acme-security" while no link held that ID (or after the default dealer was reconnected under another)
// inherited the App key and signing secret: catch-up would pull the default dealer's events into its link.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO } from "@/simulator/seed";
import { randomUUID } from "node:crypto";
import { closeHookDb, envelope, seedDealerLink, signedRequest, startHookDb, type HookDb } from "./webhooks-helpers";

let world: HookDb;
let secrets: typeof import("@/lib/webhooks/dealer-secrets");
let credentials: typeof import("@/lib/settings/credentials");
let receiveWebhook: typeof import("@/lib/webhooks/receive").receiveWebhook;
const ENV_SECRET = "whsec_env_fallback_secret";
const ENV_KEY = "chekt_test_envfallback00000000000000000001";
/** The default dealer, reconnected under another ID of ours; and a dealer an admin connected as "acme-security". */
let renamed = "";
let squatter = "";

beforeAll(async () => {
  world = await startHookDb("chekt_env_secrets", { CHEKT_API_KEY: ENV_KEY });
  secrets = await import("@/lib/webhooks/dealer-secrets");
  credentials = await import("@/lib/settings/credentials");
  ({ receiveWebhook } = await import("@/lib/webhooks/receive"));
  renamed = await seedDealerLink(world.db.url, { key: "acme-renamed", chektDealerId: 1, secret: null });
  squatter = await seedDealerLink(world.db.url, { key: "acme-security", chektDealerId: 77, secret: null });
  secrets.forgetDealerSecrets();
}, 120_000);

afterAll(() => closeHookDb(world));

const alarmCreated = (alarmId: string) =>
  envelope(`evt_${randomUUID()}`, "alarm.created", { alarm_id: alarmId, site_id: "site_7", priority: "high" });

describe("the environment's App secrets", () => {
  it("belong to the simulator's App dealer (the seeded default dealer)", () => {
    expect(secrets.ENV_SECRETS_CHEKT_DEALER_ID).toBe(DEMO.app.dealerId);
  });

  it("are not handed to a dealer connected under the ID the default dealer once had", async () => {
    expect(await secrets.secretsByDealerKey("acme-security")).toMatchObject({
      dealerLinkId: squatter,
      webhookSecret: null,
      apiKey: null,
    });
    expect(await credentials.resolveApiKey(squatter)).toBeNull();
    const theirs = (await secrets.connectedDealerSecrets()).find((s) => s.dealerLinkId === squatter);
    expect(theirs).toMatchObject({ apiKey: null, webhookSecret: null });
    const shown = (await credentials.dealerCredentials()).find((c) => c.id === squatter);
    expect(shown).toMatchObject({
      apiKey: { set: false, source: "none" },
      webhookSecret: { set: false, source: "none" },
    });
    // A delivery signed with the environment's secret is refused for it.
    const url = "http://t/api/webhooks/chekt/acme-security";
    const res = await receiveWebhook(
      signedRequest(url, alarmCreated("alm_sq"), { secret: ENV_SECRET }),
      "acme-security",
    );
    expect(res.status).toBe(401);
  });

  it("stay with the default dealer whatever our ID for it", async () => {
    expect(await secrets.secretsByDealerKey("acme-renamed")).toMatchObject({
      dealerLinkId: renamed,
      webhookSecret: ENV_SECRET,
      apiKey: ENV_KEY,
    });
    expect(await credentials.resolveApiKey(renamed)).toBe(ENV_KEY);
    const shown = (await credentials.dealerCredentials()).find((c) => c.id === renamed);
    expect(shown).toMatchObject({ apiKey: { set: true, source: "env" }, webhookSecret: { set: true, source: "env" } });
    const url = "http://t/api/webhooks/chekt/acme-renamed";
    const res = await receiveWebhook(
      signedRequest(url, alarmCreated("alm_rn"), { secret: ENV_SECRET }),
      "acme-renamed",
    );
    expect(res.status).toBe(200);
  });

  it("are named on Settings by the CHeKT dealer they belong to", () => {
    const notes = credentials.envCredentials().filter((c) => c.source.startsWith("CHEKT_") && c.note);
    const fallback = notes.filter((c) => c.source === "CHEKT_API_KEY" || c.source === "CHEKT_WEBHOOK_SECRET");
    expect(fallback).toHaveLength(2);
    for (const c of fallback) expect(c.note).toMatch(/CHeKT dealer 1\b/);
  });
});
