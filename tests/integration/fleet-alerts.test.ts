// Offline alerts over real Postgres and a real SMTP server (smtp-tester on a local port): raised
// once per device per offline spell, cleared when the device is back, raised again for a new
// spell, mailed through the dealer's SMTP settings (password stored encrypted), a dead SMTP server
// recorded on the alert without failing the scan and tried again a few times within the hour, a
// greylisting 451 tried again, a 550 or an unreadable password not (the latter failing its dealer
// only), and the pg-boss job doing the same on its own.
// CHeKT repeating a device's status by webhook keeps its spell (and so its one alert), and a late
// report of another status from inside it, by webhook or in CHeKT's answer, changes neither.
// Time is passed in (`now`, the events' `at`), never slept.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as smtpTester from "smtp-tester";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { freePort } from "../../scripts/lib/postgres";
import { decryptSecret, encryptSecret } from "@/lib/secrets";
import type { MirrorSource } from "@/lib/mirror/write";

const KEY = Buffer.alloc(32, 7).toString("base64");
const NOW = new Date("2026-12-01T12:00:00Z");
const at = (minutesFromNow: number) => new Date(NOW.getTime() + minutesFromNow * 60_000);

let db: TestDatabase;
let prisma: typeof import("@/lib/db").prisma;
let scan: typeof import("@/lib/fleet/alerts").scanFleetAlerts;
let readAlerts: typeof import("@/lib/fleet/alerts-read").readFleetAlerts;
let mail: smtpTester.MailServer;
/** The catcher's own RCPT TO handler: it takes every recipient. */
let takeEvery: smtpTester.MailServer["smtpServer"]["onRcptTo"];
let smtpPort: number;
let L: string;
const decrypt = (s: string) => decryptSecret(s, KEY);

beforeAll(async () => {
  db = await createTestDatabase("chekt_alerts_it");
  process.env.DATABASE_URL = db.url;
  prisma = (await import("@/lib/db")).prisma;
  scan = (await import("@/lib/fleet/alerts")).scanFleetAlerts;
  readAlerts = (await import("@/lib/fleet/alerts-read")).readFleetAlerts;
  smtpPort = await freePort();
  mail = smtpTester.init(smtpPort, { disableDNSValidation: true });
  takeEvery = mail.smtpServer.onRcptTo;
  L = (
    await prisma.dealerLink.create({
      data: { chektDealerId: 1, externalDealerId: "acme", companyName: "Acme", connectedAt: new Date() },
    })
  ).id;
});

// The scan reads every dealer's devices and answers for all of them: each test starts from a fleet
// of two online cameras, no alerts and working SMTP settings, and replays the spell it needs.
beforeEach(async () => {
  // smtp-tester replays every mail it still holds to a new captureOne: an earlier alert would pass for this one.
  mail.removeAll();
  mail.smtpServer.onRcptTo = takeEvery;
  await prisma.fleetAlert.deleteMany();
  await prisma.mirrorDevice.deleteMany();
  await prisma.fleetSettings.deleteMany();
  await prisma.fleetSettings.create({
    data: {
      dealerLinkId: L,
      offlineThresholdMin: 30,
      smtpHost: "127.0.0.1",
      smtpPort,
      smtpUser: "alerts",
      smtpPasswordSealed: encryptSecret("s3cret", KEY),
      smtpFrom: "console@example.com",
      smtpRecipients: ["ops@example.com"],
    },
  });
  for (const [id, name] of [
    [1, "Lobby Cam"],
    [2, "Yard Cam"],
  ] as const) {
    await prisma.mirrorDevice.create({ data: deviceRow(id, name) });
  }
});

/** Acme's camera `id` on site 10, online since 10 h before NOW. */
const deviceRow = (id: number, name: string) => ({
  dealerLinkId: L,
  chektId: id,
  siteId: 10,
  externalId: `d${id}`,
  name,
  deviceType: "camera",
  status: "online",
  statusAt: at(-600),
  dto: {},
  confirmedAt: NOW,
});

afterAll(async () => {
  if (mail) await new Promise<void>((resolve) => mail.stop(() => resolve()));
  await (await import("@/lib/webhooks/pool")).closeWebhookPool();
  await prisma?.$disconnect().catch(() => undefined);
  await db?.drop();
});

const setStatus = (id: number, status: "online" | "offline", since: Date) =>
  prisma.mirrorDevice.update({
    where: { dealerLinkId_chektId: { dealerLinkId: L, chektId: id } },
    data: { status, statusAt: since },
  });
/**
 * The catcher answers the n-th RCPT TO (from 1) with `reply(n)`'s SMTP status and text, or takes it
 * when that is null. Returns how many it has been sent.
 */
function rcptAnswers(reply: (n: number) => [number, string] | null): () => number {
  let n = 0;
  mail.smtpServer.onRcptTo = (_address, _session, callback) => {
    const r = reply(++n);
    callback(r ? Object.assign(new Error(r[1]), { responseCode: r[0] }) : null);
  };
  return () => n;
}
const open = () =>
  prisma.fleetAlert.findMany({ where: { dealerLinkId: L, clearedAt: null }, orderBy: { deviceId: "asc" } });
let events = 0;
/** A device.* webhook about device `id` at `at`, a new event each time, stored and applied as the receiver does. */
async function deliver(type: "device.online" | "device.offline", id: number, at: Date) {
  const { parseEvent } = await import("@/lib/webhooks/events");
  const { storeAndApply } = await import("@/lib/webhooks/store");
  const when = at.toISOString();
  const env = { id: `evt_fa_${++events}`, type, created_at: when, data: { device_id: id, at: when } };
  const parsed = parseEvent(env);
  if (!parsed.ok) throw new Error(`bad test event: ${JSON.stringify(parsed)}`);
  expect((await storeAndApply(L, parsed, env, "webhook")).outcome).toBe("applied");
}
/** CHeKT's answer about device `id` (online, last changed at `changedAt`), as a read or our own write takes it. */
async function answerOnline(how: MirrorSource, id: number, changedAt: Date) {
  const { mirrorDevice } = await import("@/lib/mirror/write");
  const dto = { device_id: id, external_device_id: `d${id}`, status: "online", updated_at: changedAt.toISOString() };
  await prisma.$transaction((tx) => mirrorDevice(tx, L, 10, dto, { how, at: at(1) }));
}
const statusOf = (id: number) =>
  prisma.mirrorDevice.findUniqueOrThrow({
    where: { dealerLinkId_chektId: { dealerLinkId: L, chektId: id } },
    select: { status: true, statusAt: true },
  });
/** A device goes offline at `since` and the scan at `now` raises its alert: the spell a test builds on. */
async function raisedSpell(id: number, since: Date, now: Date) {
  await setStatus(id, "offline", since);
  const r = await scan(prisma, { now, decrypt });
  expect(r.raised.map((a) => a.device_id)).toEqual([id]);
  return r;
}

describe("offline alerts", () => {
  it("a device offline 20 min (threshold 30) raises nothing; at 45 min it raises one alert and mails it", async () => {
    await setStatus(1, "offline", at(-20));
    expect((await scan(prisma, { now: NOW, decrypt })).raised).toEqual([]);
    const captured = mail.captureOne("ops@example.com", { wait: 10_000 });
    const r = await scan(prisma, { now: at(25), decrypt });
    expect(r.raised.map((a) => a.device_id)).toEqual([1]);
    expect(r.emailed).toBe(1);
    const m = await captured;
    expect(m.email.headers.subject).toBe("1 device offline longer than 30 minutes");
    expect(m.email.body).toContain("Lobby Cam (device #1, site #10)");
    expect((await open())[0]).toMatchObject({ deviceId: 1, deviceName: "Lobby Cam", offlineSince: at(-20) });
    expect((await open())[0]!.emailedAt).not.toBeNull();
  });

  // The fleet page says "Offline longer than 1 day" and a device "29 min" (lib/duration-text.ts): so does the mail.
  it("the mail says the threshold and each device's time offline in the fleet page's words", async () => {
    const mailed = async (thresholdMin: number, id: number, since: Date) => {
      mail.removeAll();
      await prisma.fleetSettings.update({ where: { dealerLinkId: L }, data: { offlineThresholdMin: thresholdMin } });
      const captured = mail.captureOne("ops@example.com", { wait: 10_000 });
      await raisedSpell(id, since, NOW);
      return (await captured).email;
    };
    const day = await mailed(1440, 1, at(-1500));
    expect(day.headers.subject).toBe("1 device offline longer than 1 day");
    expect(day.body).toContain("offline longer than 1 day:");
    expect(day.body).toContain(`offline since ${at(-1500).toISOString()} (25 h)`);
    const minutes = await mailed(29, 2, at(-29.6));
    expect(minutes.headers.subject).toBe("1 device offline longer than 29 minutes");
    expect(minutes.body).toContain("(29 min)");
  });

  it("the same spell never raises or mails twice, however often the scan runs (or two run at once)", async () => {
    expect((await raisedSpell(1, at(-20), at(25))).emailed).toBe(1);
    const runs = await Promise.all([
      scan(prisma, { now: at(30), decrypt }),
      scan(prisma, { now: at(31), decrypt }),
      scan(prisma, { now: at(90), decrypt }),
    ]);
    expect(runs.flatMap((r) => r.raised)).toEqual([]);
    expect(runs.reduce((n, r) => n + r.emailed, 0)).toBe(0);
    expect(await prisma.fleetAlert.count({ where: { dealerLinkId: L } })).toBe(1);
  });

  it("back online clears it; a new offline spell raises a new alert", async () => {
    await raisedSpell(1, at(-20), at(25));
    await setStatus(1, "online", at(100));
    const r = await scan(prisma, { now: at(101), decrypt });
    expect(r.cleared).toBe(1);
    expect(await open()).toEqual([]);
    await setStatus(1, "offline", at(110));
    expect((await scan(prisma, { now: at(150), decrypt })).raised.map((a) => a.offline_since)).toEqual([at(110)]);
    expect(await prisma.fleetAlert.count({ where: { dealerLinkId: L } })).toBe(2);
  });

  it("CHeKT saying offline again (a new event 10 min on) keeps the spell: no new alert, no second mail", async () => {
    await deliver("device.offline", 1, at(-40));
    const first = await scan(prisma, { now: NOW, decrypt });
    expect(first.raised.map((a) => [a.device_id, a.offline_since])).toEqual([[1, at(-40)]]);
    expect(first.emailed).toBe(1);
    await deliver("device.offline", 1, at(-30));
    expect(await statusOf(1)).toEqual({ status: "offline", statusAt: at(-40) });
    const again = await scan(prisma, { now: at(1), decrypt });
    expect(again).toMatchObject({ raised: [], cleared: 0, emailed: 0 });
    expect((await open()).map((a) => [a.deviceId, a.offlineSince])).toEqual([[1, at(-40)]]);
    // Coming online ends the spell; going offline after that is a new one.
    await deliver("device.online", 1, at(2));
    expect(await statusOf(1)).toEqual({ status: "online", statusAt: at(2) });
    await deliver("device.offline", 1, at(5));
    expect(await statusOf(1)).toEqual({ status: "offline", statusAt: at(5) });
    expect((await scan(prisma, { now: at(40), decrypt })).raised.map((a) => a.offline_since)).toEqual([at(5)]);
  });

  // The spell began at -60 and was reported again at -30: an "online" stamped -50 that comes late is old news.
  it.each(["webhook", "read", "write"] as const)(
    "a late online (%s) from inside an offline spell reported since neither clears its alert nor starts a new one",
    async (how) => {
      await deliver("device.offline", 1, at(-60));
      expect((await scan(prisma, { now: NOW, decrypt })).raised.map((a) => a.offline_since)).toEqual([at(-60)]);
      await deliver("device.offline", 1, at(-30));
      if (how === "webhook") await deliver("device.online", 1, at(-50));
      else await answerOnline(how, 1, at(-50));
      expect(await statusOf(1)).toEqual({ status: "offline", statusAt: at(-60) });
      // Offline again after it is the same spell, not a new one raised 30 min on.
      await deliver("device.offline", 1, at(2));
      expect(await scan(prisma, { now: at(40), decrypt })).toMatchObject({ raised: [], cleared: 0, emailed: 0 });
      expect((await open()).map((a) => a.offlineSince)).toEqual([at(-60)]);
      expect(await prisma.fleetAlert.count({ where: { dealerLinkId: L } })).toBe(1);
    },
  );

  it("a device CHeKT no longer has clears its alert", async () => {
    await raisedSpell(1, at(110), at(150));
    await prisma.mirrorDevice.update({
      where: { dealerLinkId_chektId: { dealerLinkId: L, chektId: 1 } },
      data: { goneAt: at(160) },
    });
    expect((await scan(prisma, { now: at(161), decrypt })).cleared).toBe(1);
  });

  it("an SMTP server that does not answer: tried again 5, 20 and 60 min on, then the failure stands", async () => {
    const dead = await freePort();
    await prisma.fleetSettings.update({ where: { dealerLinkId: L }, data: { smtpPort: dead } });
    await setStatus(2, "offline", at(200));
    const r = await scan(prisma, { now: at(300), decrypt });
    expect(r.raised.map((a) => a.device_id)).toEqual([2]);
    expect(r.emailErrors).toBe(1);
    const alert = () => prisma.fleetAlert.findFirstOrThrow({ where: { dealerLinkId: L, deviceId: 2 } });
    expect(await alert()).toMatchObject({ emailedAt: null, emailAttempts: 1, emailRetryAt: at(305) });
    expect((await alert()).emailError).toMatch(/ECONNREFUSED|connect/i);
    // The list says it is not sent yet and when the next try goes, not "Mail failed".
    const listed = async (now: Date) => (await readAlerts(L, now)).open.map((a) => a.mail);
    expect(await listed(at(301))).toMatchObject([
      {
        state: "waiting",
        text: expect.stringMatching(/^Mail not sent yet: .+ — trying again at 17:05 UTC \(try 2 of 4\)$/),
      },
    ]);
    // Not before its time: the scan a minute on leaves it.
    expect((await scan(prisma, { now: at(301), decrypt })).emailErrors).toBe(0);
    expect((await scan(prisma, { now: at(305), decrypt })).emailErrors).toBe(1);
    expect((await scan(prisma, { now: at(320), decrypt })).emailErrors).toBe(1);
    expect((await scan(prisma, { now: at(360), decrypt })).emailErrors).toBe(1);
    expect(await alert()).toMatchObject({ emailedAt: null, emailAttempts: 4, emailRetryAt: null });
    expect((await alert()).emailError).toMatch(/^Gave up after 4 tries: .*(ECONNREFUSED|connect)/i);
    expect(await listed(at(361))).toMatchObject([
      { state: "failed", text: expect.stringMatching(/^Mail failed: Gave up after 4 tries: /) },
    ]);
    expect((await scan(prisma, { now: at(600), decrypt })).emailErrors).toBe(0);
  });

  it("a server that says later (451, greylisting) takes the mail on the next try, 5 min on", async () => {
    const tries = rcptAnswers((n) => (n === 1 ? [451, "Greylisted, try again later"] : null));
    await setStatus(1, "offline", at(-40));
    expect((await scan(prisma, { now: NOW, decrypt })).emailErrors).toBe(1);
    expect((await open())[0]).toMatchObject({ emailedAt: null, emailAttempts: 1, emailRetryAt: at(5) });
    expect((await open())[0]!.emailError).toMatch(/451/);
    expect((await scan(prisma, { now: at(4), decrypt })).emailed).toBe(0);
    expect(tries()).toBe(1);
    const captured = mail.captureOne("ops@example.com", { wait: 10_000 });
    expect((await scan(prisma, { now: at(5), decrypt })).emailed).toBe(1);
    expect((await captured).email.body).toContain("Lobby Cam (device #1, site #10)");
    expect((await open())[0]).toMatchObject({ emailError: null, emailRetryAt: null, emailAttempts: 2 });
    expect((await open())[0]!.emailedAt).not.toBeNull();
  });

  it("a server that refuses the mail (550): the failure stands at once, never tried again", async () => {
    const tries = rcptAnswers(() => [550, "No such mailbox"]);
    await setStatus(1, "offline", at(-40));
    expect((await scan(prisma, { now: NOW, decrypt })).emailErrors).toBe(1);
    expect((await open())[0]).toMatchObject({ emailedAt: null, emailAttempts: 1, emailRetryAt: null });
    expect((await open())[0]!.emailError).toMatch(/550/);
    expect((await scan(prisma, { now: at(120), decrypt })).emailErrors).toBe(0);
    expect(tries()).toBe(1);
  });

  it("one dealer's stored password that cannot be read fails that dealer's mail only", async () => {
    const other = (
      await prisma.dealerLink.create({
        data: { chektDealerId: 2, externalDealerId: `nw-${Date.now()}`, companyName: "NW", connectedAt: NOW },
      })
    ).id;
    await prisma.fleetSettings.create({
      data: {
        dealerLinkId: other,
        offlineThresholdMin: 30,
        smtpHost: "127.0.0.1",
        smtpPort,
        smtpUser: "alerts",
        smtpPasswordSealed: encryptSecret("s3cret", Buffer.alloc(32, 9).toString("base64")),
        smtpFrom: "console@example.com",
        smtpRecipients: ["nw@example.com"],
      },
    });
    // The other dealer's device went offline first: its mail is tried first.
    await prisma.mirrorDevice.create({
      data: { ...deviceRow(7, "Dock Cam"), dealerLinkId: other, status: "offline", statusAt: at(-90) },
    });
    await setStatus(1, "offline", at(-40));
    const captured = mail.captureOne("ops@example.com", { wait: 10_000 });
    const r = await scan(prisma, { now: NOW, decrypt });
    expect(r).toMatchObject({ emailed: 1, emailErrors: 1 });
    expect((await captured).email.body).toContain("Lobby Cam");
    const theirs = await prisma.fleetAlert.findFirstOrThrow({ where: { dealerLinkId: other } });
    expect(theirs).toMatchObject({ emailedAt: null, emailRetryAt: null });
    expect(theirs.emailError).toMatch(/stored SMTP password cannot be read/);
  });

  it("the pg-boss job runs the scan on its own", async () => {
    process.env.SECRETS_ENCRYPTION_KEY = KEY;
    // An open alert for device 2, which is back online when the job runs: the job must clear it.
    await raisedSpell(2, at(200), at(300));
    await setStatus(2, "online", new Date());
    await prisma.mirrorDevice.create({
      data: { ...deviceRow(3, "Gate Cam"), status: "offline", statusAt: new Date(Date.now() - 3 * 3_600_000) },
    });
    const { startFleetAlertWorker, FLEET_ALERTS_QUEUE } = await import("@/lib/jobs/fleet-alerts");
    const worker = await startFleetAlertWorker({ connectionString: db.url, pollingIntervalSeconds: 1 });
    try {
      await worker.boss.send(FLEET_ALERTS_QUEUE, {});
      await expect
        .poll(() => prisma.fleetAlert.count({ where: { dealerLinkId: L, deviceId: 3, clearedAt: null } }), {
          timeout: 60_000,
          interval: 500,
        })
        .toBe(1);
      await expect
        .poll(() => prisma.fleetAlert.count({ where: { dealerLinkId: L, deviceId: 2, clearedAt: null } }), {
          timeout: 60_000,
          interval: 500,
        })
        .toBe(0);
    } finally {
      await worker.stop();
    }
  }, 90_000);
});
