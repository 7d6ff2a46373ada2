// device.* webhooks for a device the mirror does not have yet wait in device_statuses, and the row the
// mirror's writer later creates takes them over (lib/webhooks/apply.ts, lib/mirror/batch.ts). Status and
// firmware keep times of their own there, and the status follows the spell rule a mirrored row follows
// (lib/mirror/status-spell.ts): whatever the order, a device that reported before it was mirrored ends
// as one that was mirrored before it reported. Real Postgres, no simulator.
import { beforeAll, describe, expect, it } from "vitest";
import type { MirroredDevice } from "@/lib/mirror/sql-values";
import { dbFile } from "../support/db-file";

const world = dbFile("chekt_mirror_early_status", { chektDealerId: 1, externalDealerId: "acme", companyName: "Acme" });
let storeAndApply: typeof import("@/lib/webhooks/store").storeAndApply;
let parseEvent: typeof import("@/lib/webhooks/events").parseEvent;
let batch: typeof import("@/lib/mirror/batch");
let sql: typeof import("@/lib/db").sql;

beforeAll(async () => {
  ({ storeAndApply } = await import("@/lib/webhooks/store"));
  ({ parseEvent } = await import("@/lib/webhooks/events"));
  batch = await import("@/lib/mirror/batch");
  ({ sql } = await import("@/lib/db"));
});

const SITE = 500;
/** 2030-01-01 at hh:mm UTC. */
const t = (hh: number, mm = 0) => new Date(Date.UTC(2030, 0, 1, hh, mm));
let seq = 0;

type Report = { type: "device.online" | "device.offline" | "device.firmware_updated"; at: Date; firmware?: string };
const offline = (at: Date): Report => ({ type: "device.offline", at });
const online = (at: Date): Report => ({ type: "device.online", at });
const firmware = (at: Date, version: string): Report => ({ type: "device.firmware_updated", at, firmware: version });

async function deliver(deviceId: number, r: Report) {
  const data = {
    device_id: deviceId,
    site_id: SITE,
    at: r.at.toISOString(),
    ...(r.firmware && { firmware: r.firmware }),
  };
  const env = { id: `evt_early_${++seq}`, type: r.type, created_at: new Date().toISOString(), data };
  const parsed = parseEvent(env);
  if (!parsed.ok) throw new Error(`bad test event: ${JSON.stringify(parsed)}`);
  await storeAndApply(world.linkId, parsed, env, "webhook");
}

/** CHeKT's copy of the device, online as of 08:00 with firmware 1.0: older than every report below. */
const answer = (deviceId: number): MirroredDevice => ({
  device_id: deviceId,
  site_id: SITE,
  external_device_id: `d-${deviceId}`,
  name: "Gate cam",
  device_type: "camera",
  status: "online",
  firmware: "1.0",
  updated_at: t(8).toISOString(),
});
/** A sweep's read of the device, at 09:00. */
const read = (deviceId: number) => sql(batch.devicesReadSql(world.linkId, SITE, [answer(deviceId)], t(9)));

const statusOf = async (deviceId: number) => {
  const d = await world.prisma.mirrorDevice.findUniqueOrThrow({
    where: { dealerLinkId_chektId: { dealerLinkId: world.linkId, chektId: deviceId } },
  });
  return {
    status: d.status,
    statusAt: d.statusAt,
    statusSeenAt: d.statusSeenAt,
    firmware: d.firmware,
    firmwareAt: d.firmwareAt,
    lastSeenAt: d.lastSeenAt,
  };
};

let ids = 9000;
/** The same reports to a device mirrored before them and to one mirrored after them: both rows' status. */
async function bothWays(reports: Report[]) {
  const mirroredFirst = ++ids;
  const reportedFirst = ++ids;
  await read(mirroredFirst);
  for (const r of reports) {
    await deliver(mirroredFirst, r);
    await deliver(reportedFirst, r);
  }
  await read(reportedFirst);
  return { mirroredFirst: await statusOf(mirroredFirst), reportedFirst: await statusOf(reportedFirst) };
}

describe("mirror: a device's reports from before it was mirrored", () => {
  it("offline 10:00, firmware 10:30, then a late online of 10:15: online since 10:15, either way", async () => {
    const { mirroredFirst, reportedFirst } = await bothWays([
      offline(t(10)),
      firmware(t(10, 30), "2.0"),
      online(t(10, 15)),
    ]);
    expect(mirroredFirst).toEqual({
      status: "online",
      statusAt: t(10, 15),
      statusSeenAt: t(10, 15),
      firmware: "2.0",
      firmwareAt: t(10, 30),
      lastSeenAt: t(10, 30),
    });
    expect(reportedFirst).toEqual(mirroredFirst);
  });

  it("offline at 10:00 and again at 10:30 keeps its start; a late online of 10:10 is old news", async () => {
    const { mirroredFirst, reportedFirst } = await bothWays([offline(t(10)), offline(t(10, 30)), online(t(10, 10))]);
    expect(mirroredFirst).toMatchObject({ status: "offline", statusAt: t(10), statusSeenAt: t(10, 30) });
    expect(reportedFirst).toEqual(mirroredFirst);
  });

  it("firmware keeps its own time: 2.1 at 10:40, a late 2.0 of 10:30, an offline of 10:50", async () => {
    const { mirroredFirst, reportedFirst } = await bothWays([
      firmware(t(10, 40), "2.1"),
      firmware(t(10, 30), "2.0"),
      offline(t(10, 50)),
    ]);
    expect(mirroredFirst).toMatchObject({
      status: "offline",
      statusAt: t(10, 50),
      firmware: "2.1",
      firmwareAt: t(10, 40),
      lastSeenAt: t(10, 40),
    });
    expect(reportedFirst).toEqual(mirroredFirst);
  });
});
