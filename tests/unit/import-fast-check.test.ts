/**
 * The import's fast path (lib/import/fast-check.ts) must never accept what the forms' schemas
 * refuse, and must give exactly their output when it accepts: every case below goes through both.
 * Cases it declines (null) are fine; validate.ts then asks the schema.
 */
import { describe, expect, it } from "vitest";
import { createContactSchema } from "@/lib/schemas/contact";
import { createSiteSchema } from "@/lib/schemas/site";
import { isValidTimeZone } from "@/lib/schemas/timezones";
import { fastContact, fastSite, type ContactCells, type SiteCells } from "@/lib/import/fast-check";
import { importPhoneField } from "@/lib/import/phone";
import { detectNewline, parsePaste } from "@/lib/bulk/parse";

const importContact = createContactSchema.extend({ phone_number: importPhoneField("Phone") });

// Values that sit on each rule's edge: lengths, spaces, characters, numbers, zones, mails.
const ids = ["S-1", "a", "", " S-1", "S-1 ", "-S", "S/1", "S:1.x_y-z", "x".repeat(64), "x".repeat(65), "Ö-1"];
const names = ["Main St", "", " Main", "M", "n".repeat(120), "n".repeat(121), "Café №1", "\t"];
const zones = ["UTC", "America/New_York", "america/new_york", "New York", "", "Mars/Base", "Etc/GMT+5"];
const stations = ["", "1", "12", "0", "-3", "1.5", "x", " 4", "007"];
const texts = ["", "12345", "a".repeat(32), "a".repeat(33), "a".repeat(200), "a".repeat(201), " lead"];
const phones = ["", "212 555 0143", "(415) 555-0101", "+1 212-555-0143", "12125550143", "555", "+44 20 7946 0958"];
const phones2 = ["0212 555 0143", "+82 2 312 3456", "abc", " 212 555 0143", "1 (800) 555-0199"];
const mails = ["", "ann@example.com", "Ann@Example.COM", "ann@", "a b@example.com", "ann@ex", " ann@example.com"];
const mails2 = [`${"a".repeat(250)}@example.com`, "a.b+c@sub.example.org", "ann..lee@example.com"];

/** A site row: empty optional cells unless given. */
const site = (cells: Partial<SiteCells>): SiteCells => ({
  external_site_id: "S-1",
  name: "Site",
  timezone: "UTC",
  monitoring_station_id: "",
  account_number: "",
  address1: "",
  address2: "",
  ...cells,
});

function sites(): SiteCells[] {
  const out: SiteCells[] = [];
  for (const external_site_id of ids) for (const name of names.slice(0, 3)) out.push(site({ external_site_id, name }));
  for (const name of names) for (const timezone of zones) out.push(site({ name, timezone }));
  for (const monitoring_station_id of stations)
    for (const t of texts)
      out.push(
        site({
          external_site_id: "S-2",
          timezone: "Europe/Paris",
          monitoring_station_id,
          account_number: t,
          address1: t,
          address2: texts[(texts.indexOf(t) + 1) % texts.length],
        }),
      );
  return out;
}

function contacts(): ContactCells[] {
  const out: ContactCells[] = [];
  for (const external_contact_id of ids)
    for (const first_name of names.slice(0, 4))
      out.push({ external_contact_id, first_name, last_name: "Lee", phone_number: "", email: "" });
  for (const phone_number of [...phones, ...phones2])
    for (const email of [...mails, ...mails2])
      out.push({ external_contact_id: "S-1-C1", first_name: "Ann", last_name: "n".repeat(60), phone_number, email });
  out.push({
    external_contact_id: "S-1-C1",
    first_name: "Ann",
    last_name: "n".repeat(61),
    phone_number: "",
    email: "",
  });
  return out;
}

/** Every case the fast path accepts, the schema accepts too, with the same output; and it accepts enough of them. */
function expectFastAgrees<C>(
  cases: C[],
  fast: (c: C) => unknown,
  schema: { safeParse(c: unknown): { success: boolean; data?: unknown } },
) {
  let accepted = 0;
  for (const c of cases) {
    const quick = fast(c);
    if (!quick) continue;
    accepted++;
    const slow = schema.safeParse(c);
    expect(slow.success, JSON.stringify(c)).toBe(true);
    expect(quick).toStrictEqual(slow.data);
  }
  expect(accepted).toBeGreaterThan(20);
}

describe("import fast path", () => {
  it("accepts a site only when the site schema does, with the schema's output", () => {
    expectFastAgrees(sites(), (c) => fastSite(c, isValidTimeZone), createSiteSchema);
  });

  it("accepts a contact only when the import's contact schema does, with its output", () => {
    expectFastAgrees(contacts(), fastContact, importContact);
  });

  it("declines what the schemas refuse, so their messages are the ones shown", () => {
    for (const c of sites())
      if (!createSiteSchema.safeParse(c).success) expect(fastSite(c, isValidTimeZone)).toBeNull();
    for (const c of contacts()) if (!importContact.safeParse(c).success) expect(fastContact(c)).toBeNull();
  });
});

describe("line breaks", () => {
  it("judges \\r\\n, \\r and \\n as papaparse would, ignoring breaks inside quoted cells", () => {
    expect(detectNewline("a,b\r\nc,d\r\n")).toBe("\r\n");
    expect(detectNewline("a,b\rc,d\r")).toBe("\r");
    expect(detectNewline("a,b\nc,d\n")).toBe("\n");
    expect(detectNewline('"x\r\ny",b\nc,d\n')).toBe("\n");
    expect(detectNewline("one cell")).toBe("\n");
  });

  it("parses a sheet with each line break, and quoted cells holding one, to the same table", () => {
    const rows = [
      ["Site ID", "Name"],
      ["S-1", "Main\nSt"],
      ["S-2", "Oak"],
    ];
    for (const nl of ["\r\n", "\r", "\n"]) {
      const text = rows.map((r) => r.map((c) => (c.includes("\n") ? `"${c}"` : c)).join(",")).join(nl);
      expect(parsePaste(text).rows).toEqual(rows);
    }
  });
});
