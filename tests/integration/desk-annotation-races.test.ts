// The annotation CHeKT is owed after an answer (lib/verifications/annotate.ts), delivered by two
// instances at once and by an attempt whose lease ran out during a slow send, against real Postgres
// and the real simulator over HTTP (its request log counts the calls, its store holds the alarm's
// annotations). Each annotation lands on the alarm once, and its row ends saying what CHeKT holds.
import { beforeAll, describe, expect, it } from "vitest";
import { alice, answerInput } from "../support/desk-alarms";
import { deskFile } from "../support/desk-file";
import { clearSimFaults, clearSimStats, simFault, simFaultRules, simRequestLog } from "../support/sim-world";
import { until } from "../support/until";

let answer: typeof import("@/lib/verifications/answer");
let annotate: typeof import("@/lib/verifications/annotate");
const desk = deskFile({ faults: true });

const ANNOTATE_PATH = "/v1/alarms/*/annotate";

/** An answered verification whose annotation is owed (queued, not yet sent): its alarm id. */
async function owed(siteId: number) {
  const v = await desk.raise(siteId);
  const ctx = await desk.ctxFor(alice);
  const out = await answer.answerVerification(ctx, desk.dealer, alice, answerInput(v, "dispatch", desk.picks.dispatch));
  expect(out.outcome).toBe("answered");
  const { alarm_id } = (
    await desk.sql.query<{ alarm_id: string }>(`SELECT alarm_id FROM verifications WHERE id = $1`, [v.verification_id])
  ).rows[0]!;
  return { id: v.verification_id, alarmId: alarm_id };
}

/** The alarm's annotations in CHeKT (the simulator's store). */
const annotationsOn = (alarmId: string) =>
  desk.sim.state.alarms.get(Number(alarmId.replace(/^alm_/, "")))?.annotations ?? [];

async function annotationRow(id: string) {
  const { prisma } = await import("@/lib/db");
  return prisma.deskAnnotation.findUniqueOrThrow({
    where: { dealerLinkId_verificationId: { dealerLinkId: desk.dealer.id, verificationId: id } },
  });
}

/** The annotate calls CHeKT answered since the simulator's log was last cleared. */
async function annotateCalls(): Promise<number> {
  const log = await simRequestLog(desk.sim.url);
  return log.filter(([, route]) => route.startsWith("POST ") && route.endsWith("/annotate")).length;
}

const deliver = (id: string, at: Date) => annotate.deliverAnnotation(desk.dealer.id, id, () => at);

beforeAll(async () => {
  answer = await import("@/lib/verifications/answer");
  annotate = await import("@/lib/verifications/annotate");
}, 120_000);

describe("two instances deliver the same annotation at once", () => {
  it("one leases and sends it, the other sends nothing: one call, one annotation, the row sent", async () => {
    const { id, alarmId } = await owed(1);
    await clearSimStats(desk.sim.url);
    const now = new Date();
    const results = await Promise.all([deliver(id, now), deliver(id, now)]);
    expect([...results].sort()).toEqual([null, "sent"]);
    expect(await annotateCalls()).toBe(1);
    const anns = annotationsOn(alarmId);
    expect(anns).toHaveLength(1);
    expect(await annotationRow(id)).toMatchObject({ state: "sent", attempts: 1, chektId: anns[0].id, lastError: null });
  });
});

describe("the lease runs out during a slow send", () => {
  it("a later attempt sends it; the slow one failing afterwards leaves the row sent, nothing resent", async () => {
    const { id, alarmId } = await owed(2);
    // The first attempt's request is held 2.5 s, then its connection dropped; until it ends, every
    // other annotate passes.
    await simFault(desk.sim.url, { path: ANNOTATE_PATH, method: "POST", delay_ms: 2_500, drop_rate: 1, count: 1 });
    const t0 = new Date();
    // Settled here even if an assertion below fails first, so it never outlives the file's database.
    const slow = deliver(id, t0).catch((e: unknown) => e);
    await until(
      async () => {
        const faults = await simFaultRules(desk.sim.url);
        return faults[0]?.matched === 1;
      },
      () => "the first attempt's request to reach CHeKT",
    );
    // Another instance, past the first attempt's 60 s lease (clock injected), leases it again and sends it.
    expect(await deliver(id, new Date(t0.getTime() + 61_000))).toBe("sent");
    const anns = annotationsOn(alarmId);
    expect(anns).toHaveLength(1);
    // From now on CHeKT fails every annotate: the slow attempt's retries end in a 500.
    await simFault(desk.sim.url, { path: ANNOTATE_PATH, method: "POST", rate_5xx: 1, status_5xx: 500 });
    const slowState = await slow;
    await clearSimFaults(desk.sim.url);
    expect(await annotationRow(id)).toMatchObject({ state: "sent", attempts: 2, chektId: anns[0].id, lastError: null });
    // The slow attempt wrote nothing: the row was no longer its own.
    expect(slowState).toBeNull();
    // Nothing is due: an hour later the sweep sends nothing, and the alarm still has one annotation.
    await clearSimStats(desk.sim.url);
    expect(await deliver(id, new Date(t0.getTime() + 3_600_000))).toBeNull();
    expect(await annotateCalls()).toBe(0);
    expect(annotationsOn(alarmId)).toHaveLength(1);
  }, 60_000);
});
