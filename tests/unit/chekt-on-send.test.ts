/**
 * CallOptions.onSend (lib/chekt/client.ts, transport.ts): a call says when its request goes out, after
 * its wait for the credential's budget, so a mirror read is stamped with that time (lib/mirror/pull.ts)
 * rather than the time it asked for a token. The budget and the client run on a fake clock: the wait
 * is what the clock says, never elapsed time.
 */
import { expect, it } from "vitest";
import { CallBudget } from "../../lib/chekt/budget";
import { scriptedChektClient } from "../support/chekt";
import { FakeClock } from "../support/clock";

const SITE = "/partner/v1/dealers/{dealerId}/sites/{siteId}" as const;

it("a read that waits for the budget is told it went out when it did: after the wait", async () => {
  const clock = new FakeClock();
  const budget = new CallBudget("none", { clock });
  const fetched: number[] = [];
  const { client: c } = scriptedChektClient(
    () => {
      fetched.push(clock.now());
      return Response.json({ site_id: 7, name: "Lobby" });
    },
    { budget, clock },
  );
  const asked = clock.now();
  // As a 429 leaves it: every class waits 20 s.
  await budget.block(asked + 20_000, "read");

  const told: number[] = [];
  const call = c.request(
    "GET",
    SITE,
    { params: { path: { dealerId: 1, siteId: 7 } } },
    { onSend: () => told.push(clock.now()) },
  );
  await clock.advance(25_000, 250);
  const { data } = await call;

  expect(data).toMatchObject({ site_id: 7, name: "Lobby" });
  expect(told).toEqual(fetched);
  expect(told[0]).toBeGreaterThanOrEqual(asked + 20_000);
});
