// Settings › CHeKT App devices' "Read from CHeKT" (actions/settings.ts loadAppDevicesAction) when the
// App key's share of CHeKT's rate limit is spent: the read is handed back unsent with the wait
// (budget_wait), which the page counts down before reading again by itself (components/admin/app-devices-list.tsx,
// the forms' and Refresh's countdown). It used to wait up to 8 s for the budget and then show
// "rate limited", asking for another click. Real action client, Postgres and simulator (6 calls a minute).
import "../support/console-mocks";
import { beforeAll, expect, it } from "vitest";
import { ADMIN, simStats } from "../support/sim-world";
import { simFile } from "../support/sim-file";

// One call every 10 s and no burst: a read right after another has to wait about 10 s.
const world = simFile("chekt_app_devices_wait", {
  members: [ADMIN],
  user: ADMIN,
  sim: { config: { rateLimitPerMin: 6, rateLimitBurstPerS: 1 } },
});
let settings: typeof import("@/actions/settings");

beforeAll(async () => {
  settings = await import("@/actions/settings");
});

const deviceReads = async () => (await simStats(world.sim.url)).byRoute["GET /v1/devices"] ?? 0;

it("a read the App key's budget would hold is handed back to count down, with nothing sent", async () => {
  const read = () => settings.loadAppDevicesAction({ dealerLinkId: world.linkId, limit: 5 });
  // The first read spends the key's one token, and CHeKT's headers teach the budget its limit.
  const first = await read();
  expect(first.serverError).toBeUndefined();
  expect(first.data).toMatchObject({ ok: true });
  expect(await deviceReads()).toBe(1);

  const second = await read();
  expect(second.data).toBeUndefined();
  expect(second.serverError).toMatchObject({
    code: "budget_wait",
    message: expect.stringMatching(/^Waiting for CHeKT's rate limit — sending in \d+ s\. Nothing has been sent yet\.$/),
  });
  // Long enough to be worth a countdown, and no longer than CHeKT's own refill of one token (10 s).
  expect(second.serverError?.retryAfterMs).toBeGreaterThan(1_500);
  expect(second.serverError?.retryAfterMs).toBeLessThanOrEqual(10_000);
  expect(await deviceReads(), "nothing sent for the refused read").toBe(1);
});
