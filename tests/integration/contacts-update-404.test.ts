// An update's 404 marks the mirrored contact gone only when CHeKT said so of that contact under its
// own site — the rule of lib/delete-by-chekt-id.ts. CHeKT answers 404 alike for a contact of ours
// named under another site: that says nothing of the contact, which stays listed, mapped and
// editable on its own site. Real Postgres and the real simulator over HTTP.
import "../support/console-mocks";
import { beforeAll, describe, expect, it } from "vitest";
import { OPERATOR } from "../support/sim-world";
import { simFile } from "../support/sim-file";
import { accepted, contactInput, siteInput } from "../support/form-inputs";
import { testAuditRows } from "../support/audit-rows";

const world = simFile("chekt_contacts_update_404", { members: [OPERATOR], user: OPERATOR });
let sites: typeof import("@/actions/sites");
let contacts: typeof import("@/actions/contacts");

const auditRows = testAuditRows(world);

beforeAll(async () => {
  sites = await import("@/actions/sites");
  contacts = await import("@/actions/contacts");
});

const site = (ext: string) =>
  siteInput({ external_site_id: ext, name: `Depot ${ext}`, timezone: "UTC", address1: "1 Quay St" });
const mirrorOf = (chektId: number) =>
  world.prisma.mirrorContact.findUnique({
    where: { dealerLinkId_chektId: { dealerLinkId: world.linkId, chektId } },
  });

/** A site with one contact of ours, created through the actions, and a second site of ours. */
async function contactAndElsewhere(ext: string) {
  const { site_id } = accepted(await sites.createSiteAction(site(ext)));
  const { site_id: elsewhere } = accepted(await sites.createSiteAction(site(`${ext}-b`)));
  const typed = { external_contact_id: `${ext}-ct`, first_name: "Bo", last_name: "Reed" };
  const { contact_id } = accepted(await contacts.createContactAction(contactInput(site_id, typed)));
  return { site_id, elsewhere, contact_id };
}

describe("contacts.update · a 404 from CHeKT", () => {
  it("our contact named under another of our sites: the 404 stands, the contact stays listed and mapped", async () => {
    const { site_id, elsewhere, contact_id } = await contactAndElsewhere("upd-404-1");

    const r = await contacts.updateContactAction({ site_id: elsewhere, contact_id, first_name: "Ghost" });
    expect(r?.serverError?.code).toBe("not_found");
    expect(world.sim.state.contacts.get(contact_id)).toMatchObject({ site_id, first_name: "Bo" });
    expect(await mirrorOf(contact_id)).toMatchObject({ siteId: site_id, firstName: "Bo", goneAt: null });
    const mapping = await world.prisma.externalIdMapping.findMany({
      where: { dealerLinkId: world.linkId, kind: "contact", chektId: String(contact_id) },
    });
    expect(mapping).toMatchObject([{ parentChektId: String(site_id), externalId: "upd-404-1-ct" }]);
    expect((await auditRows("contacts.update")).map((a) => a.outcome)).toEqual(["refused"]);

    // Still editable where it is.
    accepted(await contacts.updateContactAction({ site_id, contact_id, first_name: "Bea" }));
    expect(await mirrorOf(contact_id)).toMatchObject({ firstName: "Bea", goneAt: null });
  });

  it("our contact deleted in CHeKT behind our back, asked under its own site: the row is marked gone", async () => {
    const { site_id, contact_id } = await contactAndElsewhere("upd-404-2");
    world.sim.state.contacts.delete(contact_id);

    const r = await contacts.updateContactAction({ site_id, contact_id, first_name: "Ghost" });
    expect(r?.serverError?.code).toBe("not_found");
    expect((await mirrorOf(contact_id))?.goneAt).toBeInstanceOf(Date);
  });
});
