// The sites kind of the paste pipeline: parse → columns → per-row validation, every bad input of
// issue #15 as a per-row message before anything is sent.
import { describe, expect, it } from "vitest";
import { applyColumns, guessColumns, isHeaderRow } from "@/lib/bulk/columns";
import { parsePaste } from "@/lib/bulk/parse";
import { expandPattern, nextSeq, patternProblem } from "@/lib/import/id-pattern";
import { SITE_COLUMNS } from "@/lib/import/site-fields";
import { armingFor, countInvalidSites, validateSiteRows, type SiteContext } from "@/lib/import/validate";
import { zoneFor } from "@/lib/import/zone-names";
import { stationAccountKey } from "@/lib/readiness/account-number";
import { ACCOUNT_NEEDS_STATION } from "@/lib/schemas/site";

const ctx: SiteContext = {
  stations: [
    { id: 1, name: "Central Monitoring East" },
    { id: 2, name: "Rapid Response" },
  ],
  existingSiteIds: new Set(["HQ-1"]),
  accountsInUse: new Map([[stationAccountKey(1, "9000")!, `"Harbor Logistics" (#5)`]]),
  pattern: "SITE-{seq:5}",
  seqStart: 7,
};

function sheet(text: string, c: SiteContext = ctx) {
  const p = parsePaste(text, { isHeader: (r) => isHeaderRow(SITE_COLUMNS, r) });
  const cols = guessColumns(SITE_COLUMNS, p.rows, p.headerDetected);
  return { parsed: p, cols, rows: validateSiteRows(applyColumns(p.rows, cols, p.headerDetected, p.lines), c) };
}

// The sheet's header cells, each with the field it should be guessed as.
const HEADER_FIELDS = [
  ["Site ID", "external_site_id"],
  ["Site name", "name"],
  ["Time zone", "timezone"],
  ["Monitoring station", "station"],
  ["Account", "account_number"],
  ["Address", "address1"],
  ["Arming", "arming"],
  ["Contact 1 name", "contact1_name"],
  ["Contact 1 phone", "contact1_phone"],
  ["Contact 1 email", "contact1_email"],
  ["Contact 2 name", "contact2_name"],
  ["Contact 2 mobile", "contact2_phone"],
] as const;
const HEADER = HEADER_FIELDS.map(([cell]) => cell).join(",");

describe("site sheet columns", () => {
  it("maps common header names, contact columns included", () => {
    const { cols, parsed } = sheet(
      `${HEADER}\nA-1,Alpha,New York,central monitoring east,100,1 Main St,video,` +
        "Ann Lee,212 555 0143,ann@x.example,Bo Park,+1 415 555 0101",
    );
    expect(parsed.headerDetected).toBe(true);
    expect(cols).toEqual(HEADER_FIELDS.map(([, field]) => field));
  });

  it("a valid row becomes a site, its contacts (E.164 phones) and its arming type", () => {
    const { rows } = sheet(
      `${HEADER}\nA-1,Alpha,New York,central monitoring east,100,1 Main St,video,` +
        "Ann Lee,212 555 0143,ANN@x.example,Bo Park,+1 415 555 0101",
    );
    expect(rows[0].errors).toEqual({});
    expect(rows[0].item).toEqual({
      site: {
        external_site_id: "A-1",
        name: "Alpha",
        timezone: "America/New_York",
        monitoring_station_id: 1,
        account_number: "100",
        address1: "1 Main St",
        address2: undefined,
      },
      contacts: [
        {
          external_contact_id: "A-1-C1",
          first_name: "Ann",
          last_name: "Lee",
          phone_number: "+12125550143",
          email: "ann@x.example",
        },
        {
          external_contact_id: "A-1-C2",
          first_name: "Bo",
          last_name: "Park",
          phone_number: "+14155550101",
          email: undefined,
        },
      ],
      securityType: 3,
    });
  });

  it("a header-only sheet has no rows", () => {
    const { rows, parsed } = sheet(`${HEADER}\n`);
    expect(parsed.headerDetected).toBe(true);
    expect(rows).toEqual([]);
  });
});

describe("bad input, each a per-row message", () => {
  const text = [
    "Site ID\tName\tTime zone\tStation\tAccount\tContact 1 name\tContact 1 phone",
    "HQ-1\tTaken\tUTC\t\t\t\t", // 2: already exists
    "B-1\tBeta\tMars/Base\tRapid Response\t1\t\t", // 3: bad zone
    "B-2\tGamma\tSeoul\tNowhere Station\t2\t\t", // 4: unknown station
    "B-3\tDelta\tUTC\t\t\tDee Ray\t12", // 5: bad phone
    "B-4\t\tUTC\t\t\t\t", // 6: empty name
    "B-1\tEcho\tUTC\t\t\t\t", // 7: duplicate in the sheet
    "B-5\tFox\tUTC\tCentral Monitoring East\t9000\t\t", // 8: account already used on the station
    "B-6\tGolf\tUTC\tRapid Response\t1\t\t", // 9: account twice in the sheet
    "B-7\tHotel\tUTC\t\t\tMadonna\t", // 10: one-word contact name
    "B-8\tCaf\uFFFD\tUTC\t\t\t\t", // 11: not UTF-8
    "B-9\tIndia\tUSA\t\t\t\t", // 12: a place with many zones
  ].join("\n");
  const { rows } = sheet(text);
  const at = (line: number) => rows.find((r) => r.line === line)!;

  it("names the problem on the cell it is about", () => {
    expect(at(2).errors.external_site_id).toBe('A site "HQ-1" already exists');
    expect(at(3).errors.timezone).toMatch(/Time zone "Mars\/Base" is neither a zone nor a city/);
    expect(at(12).errors.timezone).toMatch(/^Time zone "USA" has \d+ zones \(America\/New_York, .*\): write the one/);
    expect(at(4).errors.station).toMatch(/No monitoring station is named "Nowhere Station"/);
    expect(at(5).errors.contact1_phone).toMatch(/Contact 1: Phone is not a phone number we can dial/);
    expect(at(6).errors.name).toBe("Name is required");
    expect(at(7).errors.external_site_id).toBe('Site ID (yours) "B-1" is also on sheet line 3');
    expect(at(8).errors.account_number).toBe(
      'Account number 9000 is already used on this station by "Harbor Logistics" (#5)',
    );
    expect(at(9).errors.account_number).toBe("Account number 1 is also on sheet line 3 for this station");
    expect(at(10).errors.contact1_name).toBe("Contact 1 needs a first and a last name");
    expect(at(11).errors.name).toMatch(/not UTF-8/);
    expect(countInvalidSites(rows)).toBe(11);
    for (const r of rows) expect(r.item).toBeNull();
  });
});

describe("account numbers, judged as the site form judges them", () => {
  it("one without a station is refused on the station in the form's words; blanks are none", () => {
    const { rows } = sheet('Site ID,Name,Time zone,Station,Account\nN-1,Lone,UTC,,1001\nN-2,Blank,UTC,,"  "');
    expect(rows[0].errors).toEqual({ station: ACCOUNT_NEEDS_STATION });
    expect(rows[1].errors).toEqual({});
  });
  it("a number held with blanks around it on the station is the same number", () => {
    const held = { ...ctx, accountsInUse: new Map([[stationAccountKey(2, " 1001 ")!, `"Harbor" (#12)`]]) };
    const { rows } = sheet("Site ID,Name,Time zone,Station,Account\nN-3,Annex,UTC,Rapid Response,1001", held);
    expect(rows[0].errors.account_number).toBe('Account number 1001 is already used on this station by "Harbor" (#12)');
  });
});

describe("generated external IDs", () => {
  it("fills empty IDs from the dealer's pattern, counting on from its next number", () => {
    const { rows } = sheet("Site ID,Name,Time zone\n,One,UTC\nOWN-1,Two,UTC\n,Three,UTC");
    expect(rows.map((r) => r.generatedId)).toEqual(["SITE-00007", null, "SITE-00008"]);
    expect(rows[2].item?.site.external_site_id).toBe("SITE-00008");
    expect(rows[2].item?.contacts).toEqual([]);
  });

  it("without a pattern an empty ID is an error; {account} collisions are duplicates", () => {
    expect(
      sheet("Site ID,Name,Time zone\n,One,UTC", { ...ctx, pattern: null }).rows[0].errors.external_site_id,
    ).toMatch(/required/);
    const { rows } = sheet(
      "Name,Time zone,Account,Station\nOne,UTC,77,Rapid Response\nTwo,UTC,77,Central Monitoring East",
      { ...ctx, pattern: "ACC-{account}" },
    );
    expect(rows[0].generatedId).toBe("ACC-77");
    expect(rows[1].errors.external_site_id).toBe('Site ID (yours) "ACC-77" is also on sheet line 2');
  });

  it("checks patterns and finds the next number", () => {
    expect(patternProblem("SITE-{seq:5}")).toBeNull();
    expect(patternProblem("SITE")).toMatch(/needs/);
    expect(patternProblem("SI TE-{seq}")).toMatch(/Outside the braces/);
    expect(patternProblem("{bogus}-{seq}")).toMatch(/braces/);
    expect(expandPattern("{name}-{seq:3}", { seq: 4, name: "Café Royal #2" })).toBe("cafe-royal-2-004");
    expect(nextSeq("SITE-{seq:5}", ["SITE-00041", "SITE-00009", "OTHER-99999", "SITE-x"])).toBe(42);
    expect(nextSeq("{account}", ["1"])).toBe(1);
  });
});

describe("names people write", () => {
  it("reads time zones by city, country, region or any-case IANA name", () => {
    expect(zoneFor("New York")).toBe("America/New_York");
    expect(zoneFor("new_york")).toBe("America/New_York");
    expect(zoneFor("america/chicago")).toBe("America/Chicago");
    expect(zoneFor("Seoul")).toBe("Asia/Seoul");
    expect(zoneFor("Germany")).toBe("Europe/Berlin");
    expect(zoneFor("Pacific")).toBe("America/Los_Angeles");
    expect(zoneFor("Atlantis")).toBeNull();
  });

  it("reads arming types by title, number or short name", () => {
    expect(armingFor("Alarm panel — primary bridge")).toBe(1);
    expect(armingFor("individual bridges")).toBe(2);
    expect(armingFor("CHeKT video security system")).toBe(3);
    expect(armingFor("4")).toBe(4);
    expect(armingFor("sometimes")).toBeNull();
  });
});

describe("10,000 rows", () => {
  it("parse + columns + validation take every row (the bench times it in Chromium against 300 ms)", () => {
    const lines = [HEADER];
    for (let i = 0; i < 10_000; i++) {
      lines.push(
        `S-${i},Site ${i},New York,Rapid Response,${i},${i} Main St,video,Ann Lee${i % 7},` +
          `212 555 ${String(1000 + (i % 9000)).padStart(4, "0")},a${i}@x.example,Bo Park,415 555 0101`,
      );
    }
    const { rows } = sheet(lines.join("\n"));
    expect(rows.length).toBe(10_000);
    expect(countInvalidSites(rows)).toBe(0);
    expect(rows[9_999].line).toBe(10_001);
  }, 60_000);
});

describe("uploaded files", () => {
  it("reads UTF-8 (with or without a BOM) and refuses other encodings with the file's name", async () => {
    const { decodeSheet } = await import("@/lib/import/read-file");
    expect(decodeSheet("a.csv", new TextEncoder().encode("\uFEFFName\nCafé"))).toEqual({
      ok: true,
      text: "Name\nCafé",
    });
    const latin1 = Uint8Array.from([0x4e, 0x61, 0x6d, 0x65, 0x0a, 0x43, 0x61, 0x66, 0xe9]);
    const bad = decodeSheet("sites.csv", latin1);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/^sites\.csv is not UTF-8 text/);
    expect(decodeSheet("u16.txt", Uint8Array.from([0xff, 0xfe, 0x4e, 0x00])).ok).toBe(false);
  });
});
