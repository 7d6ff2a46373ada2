// The mirror's contacts, devices, arming and device status (docs/mirror.md "Devices, contacts and
// arming") against real Postgres and the real simulator over HTTP: every accepted write lands in
// the mirror from CHeKT's answer in the transaction of its audit row (a bulk job's items in the
// transaction of their results); a refused write leaves the mirror as it was; device.* webhooks
// keep the newest status and firmware whatever order they arrive in, also for a device the mirror
// learns about only after its first webhook; an online answer the row keeps moves last seen to the
// time it was read. Only the session, the request cookies and Next's cache invalidation are stand-ins.
import "../support/console-mocks";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO } from "@/simulator/seed";
import type { NewItem } from "@/lib/bulk/jobs";
import { clearSimStats, OPERATOR, simStats } from "../support/sim-world";
import { simFile } from "../support/sim-file";
import { accepted, contactInput } from "../support/form-inputs";
import { runOperatorJob } from "../support/operator-job";
import { testAuditRows } from "../support/audit-rows";
import { UNSURE_AFTER_500, auditSummary } from "../support/write-failure";

const world = simFile("chekt_mirror_children", { members: [OPERATOR], user: OPERATOR, faults: true });
const auditRows = testAuditRows(world);
let contacts: typeof import("@/actions/contacts");
let arming: typeof import("@/actions/arming");
let siteId: number;

const mirrorOf = (chektId: number) =>
  world.prisma.mirrorContact.findUnique({ where: { dealerLinkId_chektId: { dealerLinkId: world.linkId, chektId } } });

beforeAll(async () => {
  contacts = await import("@/actions/contacts");
  arming = await import("@/actions/arming");
  siteId = [...world.sim.state.sites.values()].find((s) => s.dealer_id === DEMO.dealers.acme.id)!.site_id;
});

let adas = 0;
/** The external ID of the n-th Ada: each test's contact is its own. */
const adaId = (n: number) => `mc-ada-${n}`;
/** A contact of the test's own, Ada Mirror with a phone and an email, created through the action. */
async function createAda(): Promise<number> {
  const input = contactInput(siteId, { external_contact_id: adaId(++adas), first_name: "Ada", last_name: "Mirror" });
  const typed = { ...input, phone_number: "+12025550142", email: "ada@example.com" };
  return accepted(await contacts.createContactAction(typed)).contact_id;
}

/** The update test's step: Ada becomes Mirrored, her email cleared. */
const renameAda = (contactId: number) =>
  contacts.updateContactAction({ site_id: siteId, contact_id: contactId, last_name: "Mirrored", email: "" });

describe("mirror-children · contacts: write-through", () => {
  it("create: the mirror row is CHeKT's answer, written with the audit row (same trace id)", async () => {
    const contactId = await createAda();
    const inChekt = world.sim.state.contacts.get(contactId)!;
    const row = await mirrorOf(contactId);
    expect(row).toMatchObject({
      siteId,
      externalId: adaId(adas),
      firstName: "Ada",
      lastName: "Mirror",
      phone: inChekt.phone_number,
      email: "ada@example.com",
      goneAt: null,
      changedAt: null,
    });
    expect(row!.dto).toMatchObject({ contact_id: contactId, external_contact_id: adaId(adas) });
    const audit = await world.prisma.auditLog.findFirstOrThrow({
      where: { action: "contacts.create", outcome: "success", chektId: String(contactId) },
    });
    // One transaction: the audit row is never older than the mirror row it describes.
    expect(Math.abs(audit.at.getTime() - row!.confirmedAt.getTime())).toBeLessThan(5_000);
    expect(audit.traceId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("update: the mirror takes the answer; the audit's before is what the mirror had (no extra read)", async () => {
    const contactId = await createAda();
    await clearSimStats(world.sim.url);
    const r = await renameAda(contactId);
    expect(r?.serverError).toBeUndefined();
    const stats = await simStats(world.sim.url);
    expect(Object.keys(stats.byRoute).filter((k) => k.startsWith("GET ") && k.includes("contacts"))).toEqual([]);
    expect(Object.keys(stats.byRoute).some((k) => k.startsWith("PUT ") && k.includes("contacts"))).toBe(true);
    expect(await mirrorOf(contactId)).toMatchObject({ lastName: "Mirrored", email: null });
    const audit = await world.prisma.auditLog.findFirstOrThrow({
      where: { action: "contacts.update", outcome: "success", chektId: String(contactId) },
    });
    expect(audit.before).toMatchObject({ last_name: "Mirror", email: "ada@example.com" });
    expect(audit.after).toMatchObject({ last_name: "Mirrored", email: null });
  });

  it("a refused update (409: a seeded contact of the site has that ID) leaves the mirror row as it was", async () => {
    const contactId = await createAda();
    const before = await mirrorOf(contactId);
    const seeded = [...world.sim.state.contacts.values()].find(
      (c) => c.site_id === siteId && !c.external_contact_id.startsWith("mc-"),
    )!;
    const r = await contacts.updateContactAction({
      site_id: siteId,
      contact_id: contactId,
      external_contact_id: seeded.external_contact_id,
    });
    expect(r?.serverError?.code).toMatch(/conflict|already|exists/);
    expect(await mirrorOf(contactId)).toEqual(before);
  });

  it("a refused create (CHeKT 500 on every try) writes no mirror row", async () => {
    await world.fault({ path: "/partner/v1/dealers/*/sites/*/contacts", method: "POST", rate_5xx: 1, status_5xx: 500 });
    const count = await world.prisma.mirrorContact.count();
    const input = contactInput(siteId, { external_contact_id: "mc-c-refused", first_name: "No", last_name: "Body" });
    const r = await contacts.createContactAction(input);
    expect(r?.serverError?.message).toBe(UNSURE_AFTER_500);
    expect(r?.serverError?.traceId).toEqual(expect.any(String));
    expect(auditSummary(await auditRows("contacts.create"))).toEqual({
      outcomes: ["failure"],
      failureTraces: [r?.serverError?.traceId],
    });
    expect(await world.prisma.mirrorContact.count()).toBe(count);
    expect(await world.prisma.mirrorContact.findFirst({ where: { externalId: "mc-c-refused" } })).toBeNull();
  });

  it("a contact deleted in CHeKT behind our back: the 404 marks the mirror row gone and the user is told", async () => {
    const input = contactInput(siteId, { external_contact_id: "mc-c2", first_name: "Gone", last_name: "Soon" });
    const id = accepted(await contacts.createContactAction(input)).contact_id;
    world.sim.state.contacts.delete(id);
    const r = await contacts.updateContactAction({ site_id: siteId, contact_id: id, first_name: "Ghost" });
    expect(r?.serverError?.code).toBe("not_found");
    const row = await mirrorOf(id);
    expect(row?.goneAt).toBeInstanceOf(Date);
    expect(row?.firstName).toBe("Gone");
  });

  it("delete: CHeKT accepts, the mirror row and the mapping go with the audit row", async () => {
    const contactId = await createAda();
    expect((await renameAda(contactId))?.serverError).toBeUndefined();
    const r = await contacts.deleteContactAction({ site_id: siteId, contact_id: contactId });
    expect(r?.serverError).toBeUndefined();
    expect(await mirrorOf(contactId)).toBeNull();
    expect(
      await world.prisma.externalIdMapping.findFirst({ where: { kind: "contact", chektId: String(contactId) } }),
    ).toBeNull();
    const audit = await world.prisma.auditLog.findFirstOrThrow({
      where: { action: "contacts.delete", outcome: "success", chektId: String(contactId) },
    });
    expect(audit.before).toMatchObject({ contact_id: contactId, last_name: "Mirrored" });
  });
});

describe("mirror-children · arming: write-through", () => {
  it("a switch CHeKT accepts lands in the mirror; a refused one (500) leaves it as it was", async () => {
    const r = await arming.setArmingAction({ site_id: siteId, security_type: 3 });
    expect(r?.serverError).toBeUndefined();
    const row = await world.prisma.mirrorArming.findUniqueOrThrow({
      where: { dealerLinkId_siteId: { dealerLinkId: world.linkId, siteId } },
    });
    expect(row.securityType).toBe(3);
    expect(world.sim.state.sites.get(siteId)!.security_type).toBe(3);

    await world.fault({
      path: "/partner/v1/dealers/*/sites/*/arming-settings",
      method: "PATCH",
      rate_5xx: 1,
      status_5xx: 500,
    });
    const refused = await arming.setArmingAction({ site_id: siteId, security_type: 1 });
    expect(refused?.serverError?.message).toBe(UNSURE_AFTER_500);
    expect(refused?.serverError?.traceId).toEqual(expect.any(String));
    expect(
      await world.prisma.mirrorArming.findUniqueOrThrow({
        where: { dealerLinkId_siteId: { dealerLinkId: world.linkId, siteId } },
      }),
    ).toEqual(row);
    const rows = await auditRows("arming.update");
    expect(auditSummary(rows)).toEqual({
      outcomes: ["success", "failure"],
      failureTraces: [refused?.serverError?.traceId],
    });
    const audit = rows[0]!;
    // The first switch had no mirrored setting yet: "before" came from CHeKT, and is the seed's.
    expect(audit.before).toMatchObject({ site_id: siteId });
  });
});

/** The second Acme site of the seed, where the bulk jobs put their devices. */
const jobSite = () =>
  [...world.sim.state.sites.values()].filter((s) => s.dealer_id === DEMO.dealers.acme.id)[1]!.site_id;

/** A bulk job of the operator's on the job site, run to its end. */
const runJob = (kind: "create" | "update" | "delete", items: NewItem[]) =>
  runOperatorJob(world.prisma, world.linkId, jobSite(), kind, items);

/** Create items for cameras `${prefix}1`…: a dealer's external device IDs are unique, so each test has a prefix. */
const cameras = (prefix: string, count: number): NewItem[] =>
  Array.from({ length: count }, (_, i) => ({
    kind: "create",
    device: {
      external_device_id: `${prefix}${i + 1}`,
      device_type: "camera",
      name: `Cam ${i}`,
      zone_number: String(i + 1),
    },
  }));

describe("mirror-children · bulk jobs: each item's answer in the transaction that stores its result", () => {
  let newSite: number;

  beforeAll(() => {
    newSite = jobSite();
  });

  /** The job site's mirrored devices whose external ID starts with `prefix` (the test's own). */
  const mirrored = (prefix: string) =>
    world.prisma.mirrorDevice.findMany({
      where: { dealerLinkId: world.linkId, siteId: newSite, externalId: { startsWith: prefix } },
      orderBy: { externalId: "asc" },
    });

  it("create: succeeded items are mirrored from CHeKT's answer; the one CHeKT refused (409) is not", async () => {
    const acmeSites = new Set(
      [...world.sim.state.sites.values()].filter((s) => s.dealer_id === DEMO.dealers.acme.id).map((s) => s.site_id),
    );
    const taken = [...world.sim.state.devices.values()].find(
      (d) => d.site_id !== newSite && acmeSites.has(d.site_id),
    )!.external_device_id;
    const items: NewItem[] = [
      ...cameras("mc-d", 4),
      { kind: "create", device: { external_device_id: taken, device_type: "camera", name: "Dup" } },
    ];
    const jobId = await runJob("create", items);
    const results = await world.prisma.bulkItem.findMany({ where: { jobId }, orderBy: { position: "asc" } });
    expect(results.map((r) => r.state)).toEqual(["succeeded", "succeeded", "succeeded", "succeeded", "failed"]);
    const rows = await mirrored("mc-d");
    expect(rows.map((r) => r.externalId)).toEqual(["mc-d1", "mc-d2", "mc-d3", "mc-d4"]);
    for (const row of rows) {
      const inChekt = world.sim.state.devices.get(row.chektId)!;
      expect(row).toMatchObject({
        name: inChekt.name,
        zoneNumber: inChekt.zone_number,
        deviceType: "camera",
        goneAt: null,
        changedAt: null,
      });
      expect(results.find((r) => r.chektDeviceId === row.chektId)?.state).toBe("succeeded");
    }
    expect(
      await world.prisma.mirrorDevice.count({ where: { dealerLinkId: world.linkId, siteId: newSite, name: "Dup" } }),
    ).toBe(0);
  });

  it("update (an inline edit is a one-row job): the mirror takes the answer; delete forgets the rows", async () => {
    await runJob("create", cameras("mc-u", 4));
    const [d1, d2] = await mirrored("mc-u");
    await runJob("update", [
      { kind: "update", deviceId: d1!.chektId, device: { external_device_id: "mc-u1", name: "Front door" } },
    ]);
    expect((await mirrored("mc-u"))[0]).toMatchObject({ name: "Front door", chektId: d1!.chektId });
    await runJob("delete", [{ kind: "delete", deviceId: d2!.chektId, externalDeviceId: "mc-u2" }]);
    expect((await mirrored("mc-u")).map((r) => r.externalId)).toEqual(["mc-u1", "mc-u3", "mc-u4"]);
    expect(world.sim.state.devices.has(d2!.chektId)).toBe(false);
  });

  it("an item CHeKT refuses (404: a device of another site) changes nothing in the mirror", async () => {
    await runJob("create", cameras("mc-r", 2));
    const before = await mirrored("mc-r");
    expect(before).toHaveLength(2);
    const foreign = [...world.sim.state.devices.values()].find((d) => d.site_id !== newSite)!;
    await runJob("update", [
      {
        kind: "update",
        deviceId: foreign.device_id,
        device: { external_device_id: foreign.external_device_id, name: "Hijack" },
      },
    ]);
    expect(await mirrored("mc-r")).toEqual(before);
    expect(await world.prisma.mirrorDevice.count({ where: { name: "Hijack" } })).toBe(0);
  });
});

describe("mirror-children · device webhooks: newest status and firmware win, whatever the arrival order", () => {
  let deviceId: number;
  let deliver: (type: string, data: Record<string, unknown>) => Promise<void>;
  let seq = 0;
  let cams = 0;

  beforeAll(async () => {
    const { parseEvent } = await import("@/lib/webhooks/events");
    const { storeAndApply } = await import("@/lib/webhooks/store");
    deliver = async (type, data) => {
      const env = { id: `evt_mc_${++seq}`, type, created_at: new Date().toISOString(), data };
      const parsed = parseEvent(env);
      if (!parsed.ok) throw new Error(`bad test event: ${JSON.stringify(parsed)}`);
      await storeAndApply(world.linkId, parsed, env, "webhook");
    };
  });

  // Every test's device is a new camera made by a bulk job, as the bulk tests make theirs.
  beforeEach(async () => {
    const externalId = `mc-w${++cams}`;
    await runJob("create", [
      { kind: "create", device: { external_device_id: externalId, device_type: "camera", name: "Cam" } },
    ]);
    deviceId = (await world.prisma.mirrorDevice.findFirstOrThrow({ where: { dealerLinkId: world.linkId, externalId } }))
      .chektId;
  });

  const row = () =>
    world.prisma.mirrorDevice.findUniqueOrThrow({
      where: { dealerLinkId_chektId: { dealerLinkId: world.linkId, chektId: deviceId } },
    });
  const t = (s: number) => new Date(Date.UTC(2030, 0, 1, 12, 0, s)).toISOString();
  // Mirrors a copy of the device as it is now but for `changes`, as a sweep's read or our own write would (at `at`).
  const mirrorCopy = async (changes: Record<string, unknown>, how: "read" | "write", at?: Date) => {
    const { mirrorDevice } = await import("@/lib/mirror/write");
    const r = await row();
    const copy = { ...(r.dto as object), device_id: deviceId, external_device_id: r.externalId, ...changes };
    await world.prisma.$transaction((tx) => mirrorDevice(tx, world.linkId, r.siteId, copy, { how, at }));
  };

  it("in order: offline at :10, online at :20 → online, last seen :20", async () => {
    await deliver("device.offline", { device_id: `dev_${deviceId}`, site_id: 1, at: t(10) });
    expect(await row()).toMatchObject({ status: "offline", statusAt: new Date(t(10)) });
    await deliver("device.online", { device_id: deviceId, at: t(20) });
    expect(await row()).toMatchObject({ status: "online", statusAt: new Date(t(20)), lastSeenAt: new Date(t(20)) });
  });

  /** The in-order test's deliveries: offline at :10, online at :20. */
  const onlineAt20 = async () => {
    await deliver("device.offline", { device_id: `dev_${deviceId}`, site_id: 1, at: t(10) });
    await deliver("device.online", { device_id: deviceId, at: t(20) });
  };
  /** The firmware test's deliveries: 2.1 at :40, then a late 2.0 from :30. */
  const firmware21 = async () => {
    await deliver("device.firmware_updated", { device_id: deviceId, firmware: "2.1.0", at: t(40) });
    await deliver("device.firmware_updated", { device_id: deviceId, firmware: "2.0.0", at: t(30) });
  };

  it("out of order: a late offline from :15 and a duplicate of :10 never overwrite :20", async () => {
    await onlineAt20();
    await deliver("device.offline", { device_id: deviceId, at: t(15) });
    await deliver("device.offline", { device_id: deviceId, at: t(10) });
    expect(await row()).toMatchObject({ status: "online", statusAt: new Date(t(20)), lastSeenAt: new Date(t(20)) });
  });

  /** The spell the late reports below fall inside: offline since :10, and reported offline again at :30. */
  const offlineSince10SeenAt30 = { status: "offline", statusAt: new Date(t(10)), statusSeenAt: new Date(t(30)) };

  it("a late online of :20 inside an offline spell reported at :10 and again at :30 is ignored", async () => {
    await deliver("device.offline", { device_id: deviceId, at: t(10) });
    await deliver("device.offline", { device_id: deviceId, at: t(30) });
    expect(await row()).toMatchObject(offlineSince10SeenAt30);
    await deliver("device.online", { device_id: deviceId, at: t(20) });
    expect(await row()).toMatchObject(offlineSince10SeenAt30);
  });

  it("firmware keeps its own order: 2.1 at :40, then a late 2.0 from :30 → 2.1", async () => {
    await onlineAt20();
    await firmware21();
    expect(await row()).toMatchObject({ firmware: "2.1.0", firmwareAt: new Date(t(40)), status: "online" });
  });

  it("a sweep reading an older copy of the device does not roll the webhook's status back", async () => {
    await onlineAt20();
    await firmware21();
    await mirrorCopy({ status: "offline", firmware: "1.0.0", updated_at: t(5) }, "read");
    expect(await row()).toMatchObject({ status: "online", statusAt: new Date(t(20)), firmware: "2.1.0" });
  });

  it("our own write of an older copy keeps the webhook's status too, and takes the newer name", async () => {
    await onlineAt20();
    await mirrorCopy({ name: "Renamed" }, "write");
    expect(await row()).toMatchObject({
      name: "Renamed",
      status: "online",
      statusAt: new Date(t(20)),
      changedAt: null,
    });
  });

  // Our own write (the bulk runner's write-through) and a read take last seen from CHeKT's answer alike.
  it.each(["write", "read"] as const)(
    "%s: an online answer sets last seen to its time, a later one moves it on, an offline one leaves it",
    async (how) => {
      await mirrorCopy({ status: "online", updated_at: t(5) }, how, new Date(t(30)));
      expect(await row()).toMatchObject({ status: "online", lastSeenAt: new Date(t(30)) });
      await mirrorCopy({ status: "online", updated_at: t(5) }, how, new Date(t(40)));
      expect(await row()).toMatchObject({ status: "online", lastSeenAt: new Date(t(40)) });
      await mirrorCopy({ status: "offline", updated_at: t(45) }, how, new Date(t(50)));
      expect(await row()).toMatchObject({ status: "offline", statusAt: new Date(t(45)), lastSeenAt: new Date(t(40)) });
    },
  );

  it.each(["write", "read"] as const)(
    "%s: an offline report newer than the online answer keeps the row offline and last seen where it was",
    async (how) => {
      // The bulk job's own answer (online, just now) saw the camera: that stays its last seen.
      const seen = (await row()).lastSeenAt;
      expect(seen).toBeInstanceOf(Date);
      await deliver("device.offline", { device_id: deviceId, at: t(20) });
      await mirrorCopy({ status: "online", updated_at: t(5) }, how, new Date(t(30)));
      expect(await row()).toMatchObject({ status: "offline", statusAt: new Date(t(20)), lastSeenAt: seen });
    },
  );

  it.each(["write", "read"] as const)(
    "%s: CHeKT answering offline (:30) inside a webhook's spell (:10) confirms it; a late online of :20 is ignored",
    async (how) => {
      await deliver("device.offline", { device_id: deviceId, at: t(10) });
      await mirrorCopy({ status: "offline", updated_at: t(30) }, how, new Date(t(40)));
      expect(await row()).toMatchObject(offlineSince10SeenAt30);
      // The late online, in an answer and by webhook: neither starts a spell nor counts as seen.
      const seen = (await row()).lastSeenAt;
      await mirrorCopy({ status: "online", updated_at: t(20) }, how, new Date(t(50)));
      expect(await row()).toMatchObject({ ...offlineSince10SeenAt30, lastSeenAt: seen });
      await deliver("device.online", { device_id: deviceId, at: t(20) });
      expect(await row()).toMatchObject(offlineSince10SeenAt30);
    },
  );

  it("a read repeating status and firmware, with no time of its own, moves their times, not updated_at", async () => {
    const noTime = { status: "offline", firmware: "2.14.1", updated_at: null };
    await mirrorCopy(noTime, "read", new Date(t(30)));
    const spell = { status: "offline", statusAt: new Date(t(30)), firmware: "2.14.1", updatedAt: new Date(t(30)) };
    expect(await row()).toMatchObject({ ...spell, statusSeenAt: new Date(t(30)), firmwareAt: new Date(t(30)) });
    await mirrorCopy(noTime, "read", new Date(t(40)));
    expect(await row()).toMatchObject({ ...spell, statusSeenAt: new Date(t(40)), firmwareAt: new Date(t(40)) });
    // A new firmware is a change of CHeKT's copy.
    await mirrorCopy({ ...noTime, firmware: "2.15.0" }, "read", new Date(t(50)));
    expect(await row()).toMatchObject({ firmware: "2.15.0", firmwareAt: new Date(t(50)), updatedAt: new Date(t(50)) });
  });

  it("another dealer's delivery naming this device id changes nothing here", async () => {
    await onlineAt20();
    const other = await world.prisma.dealerLink.create({
      data: {
        chektDealerId: DEMO.dealers.northwind.id,
        externalDealerId: "mc-other",
        companyName: "Other",
        connectedAt: new Date(),
      },
    });
    const { parseEvent } = await import("@/lib/webhooks/events");
    const { storeAndApply } = await import("@/lib/webhooks/store");
    const env = {
      id: "evt_mc_foreign",
      type: "device.offline",
      created_at: t(59),
      data: { device_id: deviceId, at: t(59) },
    };
    const parsed = parseEvent(env);
    if (!parsed.ok) throw new Error("bad event");
    await storeAndApply(other.id, parsed, env, "webhook");
    expect(await row()).toMatchObject({ status: "online", statusAt: new Date(t(20)) });
  });

  /** A camera CHeKT reports (`report`, given the id it is about to get) before our bulk job has recorded it. */
  async function reportedBeforeCreated(externalId: string, report: (id: number) => Promise<void>) {
    const nextId = world.sim.state.counters.device + 1;
    await report(nextId);
    expect(
      await world.prisma.mirrorDevice.findUnique({
        where: { dealerLinkId_chektId: { dealerLinkId: world.linkId, chektId: nextId } },
      }),
    ).toBeNull();
    await runJob("create", [
      { kind: "create", device: { external_device_id: externalId, device_type: "camera", name: "Late" } },
    ]);
    const created = await world.prisma.mirrorDevice.findFirstOrThrow({
      where: { dealerLinkId: world.linkId, externalId },
    });
    expect(created.chektId).toBe(nextId);
    return created;
  }

  it("a device the mirror learns of after its webhook: the bulk result takes the newer reported status", async () => {
    // CHeKT reports the device online before our job has recorded its result (the webhook raced it).
    const created = await reportedBeforeCreated("mc-late", async (id) => {
      await deliver("device.online", { device_id: id, at: t(50) });
      await deliver("device.firmware_updated", { device_id: id, firmware: "9.9.9", at: t(50) });
    });
    // The simulator's answer (online, now) is older than the report: the report wins, and is last seen.
    expect(created).toMatchObject({
      status: "online",
      statusAt: new Date(t(50)),
      lastSeenAt: new Date(t(50)),
      firmware: "9.9.9",
    });
  });

  it("a device the mirror learns of after an offline report: the online answer neither wins nor counts", async () => {
    const created = await reportedBeforeCreated("mc-late-off", (id) =>
      deliver("device.offline", { device_id: id, at: t(50) }),
    );
    // The early report is the spell's start and its last report.
    expect(created).toMatchObject({
      status: "offline",
      statusAt: new Date(t(50)),
      statusSeenAt: new Date(t(50)),
      lastSeenAt: null,
    });
  });
});
