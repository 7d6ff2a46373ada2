// The dispatch-ready detail view against real Postgres and the real simulator: after a mirror sweep
// and an alarm raised in the simulator (its events delivered as signed webhooks), the detail read
// gives the site's address, account number, station, time zone, the call list with the contact
// CHeKT named first, the alarm's history, directions and notes — and keeps answering with CHeKT
// gone. Directions and notes are audited with the trace id, refuse bad input with a clear message
// and write nothing then, and never reach another dealer's site or verification.
import { beforeAll, describe, expect, it } from "vitest";
import { alice, type DeskDealer, type RaisedVerification } from "../support/desk-alarms";
import { deskFile } from "../support/desk-file";
import { seedDealerLink } from "./webhooks-helpers";

let other: DeskDealer;
let detail: typeof import("@/lib/verifications/detail");
let notes: typeof import("@/lib/verifications/desk-notes");
let schemas: typeof import("@/lib/verifications/schemas");

const inTx = async <T>(fn: (tx: import("@/lib/generated/prisma/client").Prisma.TransactionClient) => Promise<T>) =>
  (await import("@/lib/db")).prisma.$transaction(fn);

const desk = deskFile({ freeTier: true });

beforeAll(async () => {
  other = {
    id: await seedDealerLink(desk.db.url, { key: "northwind", chektDealerId: 2, secret: null }),
    chektDealerId: 2,
  };
  detail = await import("@/lib/verifications/detail");
  notes = await import("@/lib/verifications/desk-notes");
  schemas = await import("@/lib/verifications/schemas");
  await (await import("@/lib/mirror/sweep")).sweepDealer({ dealerLinkId: desk.dealer.id, dealerId: 1 });
}, 120_000);

describe("the detail view's dispatch information", () => {
  // Each test has a verification of its own (notes are kept per verification), and the directions test a
  // site of its own (directions are kept per site); all raised here, as the no-CHeKT test closes the simulator.
  let v: RaisedVerification;
  let siteId: number;
  let directions: { v: RaisedVerification; siteId: number };
  let forNotes: RaisedVerification;
  let offline: RaisedVerification;

  beforeAll(async () => {
    const contactsOf = (id: number) => [...desk.sim.state.contacts.values()].filter((c) => c.site_id === id).length;
    const acmeSites = [...desk.sim.state.sites.values()].filter((s) => s.dealer_id === 1);
    siteId = acmeSites.find((s) => contactsOf(s.site_id) >= 2)!.site_id;
    const other = acmeSites.find((s) => s.site_id !== siteId && contactsOf(s.site_id) >= 1)!.site_id;
    v = await desk.raise(siteId);
    directions = { v: await desk.raise(other), siteId: other };
    forNotes = await desk.raise(siteId);
    offline = await desk.raise(siteId);
  });

  it("site, station, local time, call list with CHeKT's contact first, alarm history: all from Postgres", async () => {
    const site = desk.sim.state.sites.get(siteId)!;
    const d = (await detail.readDetail(desk.dealer.id, v.verification_id))!;
    expect(d.site).toMatchObject({
      id: siteId,
      name: site.name,
      accountNumber: site.account_number ?? null,
      timezone: site.timezone ?? null,
    });
    expect(d.site!.address.join(" ")).toContain(String(site.address1 ?? "").trim());
    if (site.monitoring_station_id)
      expect(d.station?.name).toBe(desk.sim.state.stations.get(site.monitoring_station_id)!.name);
    const simContacts = [...desk.sim.state.contacts.values()].filter((c) => c.site_id === siteId);
    expect(d.callList.map((c) => c.id).sort()).toEqual(simContacts.map((c) => c.contact_id).sort());
    expect(d.callList[0]).toMatchObject({ id: v.contact_id, named: true });
    expect(d.callList.filter((c) => c.named)).toHaveLength(1);
    expect(d.history.map((e) => e.type)).toEqual(expect.arrayContaining(["alarm.created", "verification.requested"]));
    expect(d.directions).toBeNull();
    expect(d.notes).toEqual([]);
  });

  it("directions: saved, replaced, removed by empty text; another dealer's site: not found, none written", async () => {
    await inTx((tx) =>
      notes.saveDirectionsInTx(tx, desk.dealer, directions.siteId, "Gate code 4411, park at the back", alice),
    );
    expect((await detail.readDetail(desk.dealer.id, directions.v.verification_id))!.directions).toMatchObject({
      text: "Gate code 4411, park at the back",
      updatedByName: alice.name,
    });
    await inTx((tx) =>
      notes.saveDirectionsInTx(tx, desk.dealer, directions.siteId, "Keys with the neighbour at 12", alice),
    );
    expect((await detail.readDetail(desk.dealer.id, directions.v.verification_id))!.directions?.text).toBe(
      "Keys with the neighbour at 12",
    );
    await expect(
      inTx((tx) => notes.saveDirectionsInTx(tx, other, directions.siteId, "Hijacked", alice)),
    ).rejects.toThrow(`This dealer has no site ${directions.siteId}.`);
    expect(
      (await desk.sql.query(`SELECT count(*)::int AS n FROM site_directions WHERE dealer_link_id = $1`, [other.id]))
        .rows[0].n,
    ).toBe(0);
    await inTx((tx) => notes.saveDirectionsInTx(tx, desk.dealer, directions.siteId, "", alice));
    expect((await detail.readDetail(desk.dealer.id, directions.v.verification_id))!.directions).toBeNull();
  });

  it("notes land in the verification's history; another dealer's verification is not found", async () => {
    await inTx((tx) => notes.addNoteInTx(tx, desk.dealer, forNotes.verification_id, "Called Jane, no answer", alice));
    const d = (await detail.readDetail(desk.dealer.id, forNotes.verification_id))!;
    expect(d.notes).toEqual([expect.objectContaining({ authorName: alice.name, text: "Called Jane, no answer" })]);
    await expect(inTx((tx) => notes.addNoteInTx(tx, other, forNotes.verification_id, "x", alice))).rejects.toThrow(
      "This verification is not in this dealer's queue.",
    );
    expect(await detail.readDetail(other.id, forNotes.verification_id)).toBeNull();
  });

  it("bad input is refused with a clear message before anything runs", () => {
    expect(schemas.noteSchema.safeParse({ id: v.verification_id, text: "   " }).error?.issues[0]?.message).toBe(
      "Write the note first",
    );
    expect(
      schemas.noteSchema.safeParse({ id: v.verification_id, text: "x".repeat(schemas.NOTE_MAX + 1) }).error?.issues[0]
        ?.message,
    ).toBe(`A note can be at most ${schemas.NOTE_MAX} characters`);
    expect(schemas.directionsSchema.safeParse({ siteId: -3, text: "x" }).error?.issues[0]?.message).toBe(
      "Site ID must be positive",
    );
    expect(
      schemas.directionsSchema.safeParse({ siteId: 1, text: "x".repeat(schemas.DIRECTIONS_MAX + 1) }).error?.issues[0]
        ?.message,
    ).toBe(`Directions can be at most ${schemas.DIRECTIONS_MAX} characters`);
  });

  it("opening it needs no CHeKT: with the simulator gone the detail still reads in full", async () => {
    await inTx((tx) =>
      notes.addNoteInTx(tx, desk.dealer, offline.verification_id, "Site dark, keyholder on the way", alice),
    );
    await desk.sim.close();
    const d = (await detail.readDetail(desk.dealer.id, offline.verification_id))!;
    expect(d.site?.id).toBe(siteId);
    expect(d.callList[0]?.named).toBe(true);
    expect(d.notes.map((n) => n.text)).toContain("Site dark, keyholder on the way");
  });
});
