// Sites and contacts named one way wherever they are shown (lib/site-label.ts): the drift check, the
// desk's call list and the queue's contact list name a contact without a name "Contact 70" and a site
// with an empty name "Site 7", and siteLabelSql names a site in a query exactly as siteLabel does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contactLabel, siteLabel, siteLabelSql } from "@/lib/site-label";
import { closeHookDb, seedDealerLink, startHookDb, type HookDb } from "./webhooks-helpers";

let h: HookDb;
let link: { id: string; chektDealerId: number };

/** Site 7, named "" in the mirror, and its contacts: one without a name, one with a first name only. */
const CONTACTS: { id: number; first: string; last: string; label: string }[] = [
  { id: 70, first: "", last: "", label: "Contact 70" },
  { id: 71, first: "Ann", last: "", label: "Ann" },
];

beforeAll(async () => {
  h = await startHookDb("chekt_site_labels_it");
  link = {
    id: await seedDealerLink(h.db.url, { key: "acme-security", chektDealerId: 1, secret: null }),
    chektDealerId: 1,
  };
  await h.sql.query(
    `INSERT INTO mirror_sites (dealer_link_id, chekt_id, external_id, name, is_activated, search_text, dto,
                               confirmed_at, updated_at)
     VALUES ($1, 7, 'ext-7', '', true, '', '{}', now(), now())`,
    [link.id],
  );
  for (const c of CONTACTS)
    await h.sql.query(
      `INSERT INTO mirror_contacts (dealer_link_id, chekt_id, site_id, external_id, first_name, last_name, dto,
                                    confirmed_at, updated_at)
       VALUES ($1, $2, 7, $3, $4, $5, '{}', now(), now())`,
      [link.id, c.id, `ext-${c.id}`, c.first, c.last],
    );
  await h.sql.query(
    `INSERT INTO verifications (id, dealer_link_id, site_id, occurred_at, expires_at, created_at, updated_at)
     VALUES ('v7', $1, 7, now(), now() + interval '10 minutes', now(), now())`,
    [link.id],
  );
}, 120_000);

afterAll(() => closeHookDb(h));

describe("one name for a site and its contacts", () => {
  it("the drift check names an unnamed contact and a site with an empty name as the desk does", async () => {
    const { runDrift } = await import("@/lib/drift/fetch");
    const run = await runDrift(link, "trace-site-labels");
    const named = run.issues.flatMap((i) => (i.type === "missing_locally" ? [[i.kind, i.object.name]] : []));
    expect(named).toEqual(expect.arrayContaining([["site", "Site 7"], ...CONTACTS.map((c) => ["contact", c.label])]));
    expect(named).toHaveLength(1 + CONTACTS.length);
  });

  it("the queue's contacts and the detail's call list give the same names", async () => {
    const { siteContacts } = await import("@/lib/verifications/site-info");
    const { readDetail } = await import("@/lib/verifications/detail");
    const byId = (rows: { id: number; name: string }[] | undefined) => rows?.map((c) => [c.id, c.name]);
    const expected = CONTACTS.map((c) => [c.id, contactLabel(c.id, c.first, c.last)]);
    expect(byId((await siteContacts(link.chektDealerId, 7)) ?? undefined)).toEqual(expected);
    expect(byId((await readDetail(link.id, "v7"))?.callList)).toEqual(expected);
  });

  it("siteLabelSql gives what siteLabel gives, for a missing, empty, blank and real name", async () => {
    const names = [null, "", " ", "Harbor Warehouse"];
    const { rows } = await h.sql.query<{ label: string }>(
      `SELECT ${siteLabelSql("n", "id")} AS label
         FROM unnest($1::text[]) WITH ORDINALITY AS t(n, i), (VALUES (1042)) AS s(id) ORDER BY i`,
      [names],
    );
    expect(rows.map((r) => r.label)).toEqual(names.map((n) => siteLabel(1042, n)));
  });
});
