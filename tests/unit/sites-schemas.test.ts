import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { normalisePhone } from "@/lib/schemas/fields";
import { ACCOUNT_NEEDS_STATION, createSiteSchema } from "@/lib/schemas/site";
import { createContactSchema } from "@/lib/schemas/contact";
import { createStationSchema } from "@/lib/schemas/station";
import { connectDealerSchema } from "@/lib/schemas/dealer";
import { setArmingSchema, SECURITY_TYPES, securityTypeLabel } from "@/lib/schemas/arming";
import { isValidTimeZone, searchTimeZones, timeZones } from "@/lib/schemas/timezones";
import { fieldErrors, firstMessage } from "../support/schema-errors";

describe("phone numbers", () => {
  it("normalises the ways people write numbers to E.164", () => {
    expect(normalisePhone("(212) 555-0143")).toBe("+12125550143");
    expect(normalisePhone("+1-555-123-4567")).toBe("+15551234567");
    expect(normalisePhone("+82 2-1234-5678")).toBe("+82212345678");
    expect(normalisePhone(" 212.555.0143 ")).toBe("+12125550143");
  });
  it("refuses what cannot be dialled", () => {
    for (const bad of ["12345", "call me", "+1 212", "", "+999 123"]) expect(normalisePhone(bad)).toBeNull();
  });
});

describe("time zones", () => {
  it("lists IANA zones with UTC first", () => {
    expect(timeZones()[0]).toBe("UTC");
    expect(timeZones()).toContain("Asia/Seoul");
    expect(timeZones()).toContain("America/New_York");
  });
  it("accepts IANA names and well-formed aliases, refuses the rest", () => {
    expect(isValidTimeZone("Asia/Seoul")).toBe(true);
    expect(isValidTimeZone("America/Argentina/Buenos_Aires")).toBe(true);
    expect(isValidTimeZone("Asia/Kolkata")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("asia/seoul")).toBe(false);
    expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isValidTimeZone("EST5EDT; drop table")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
  });
  it("searches by any words of the name", () => {
    expect(searchTimeZones("new york")).toContain("America/New_York");
    expect(searchTimeZones("seoul")).toEqual(["Asia/Seoul"]);
    expect(searchTimeZones("zzzz")).toEqual([]);
  });
});

describe("site form", () => {
  const good = {
    external_site_id: "site-001",
    name: " Gangnam HQ ",
    timezone: "Asia/Seoul",
    monitoring_station_id: "12",
    account_number: "",
    address1: "123 Teheran-ro",
    address2: "",
  };
  it("turns form strings into CHeKT's body", () => {
    expect(createSiteSchema.parse(good)).toEqual({
      external_site_id: "site-001",
      name: "Gangnam HQ",
      timezone: "Asia/Seoul",
      monitoring_station_id: 12,
      address1: "123 Teheran-ro",
    });
  });
  it("explains every bad field by name", () => {
    const bad = { external_site_id: "has space", name: "", timezone: "Nowhere/City", monitoring_station_id: "abc" };
    expect(fieldErrors(createSiteSchema, bad)).toEqual({
      external_site_id: expect.stringMatching(/Site ID may hold/),
      name: "Name is required",
      timezone: expect.stringMatching(/Choose a time zone/),
      monitoring_station_id: "Monitoring station must be chosen from the list",
    });
  });
  it("refuses a missing external ID and an overlong name", () => {
    expect(fieldErrors(createSiteSchema, { name: "x".repeat(121), timezone: "UTC" })).toEqual({
      external_site_id: "Site ID is required",
      name: "Name must be at most 120 characters",
    });
  });
  it("refuses an account number without a station, on the station, beside the other fields' messages", () => {
    const noStation = { ...good, monitoring_station_id: "", account_number: "1001" };
    expect(fieldErrors(createSiteSchema, noStation)).toEqual({ monitoring_station_id: ACCOUNT_NEEDS_STATION });
    expect(fieldErrors(createSiteSchema, { ...noStation, name: "" })).toEqual({
      name: "Name is required",
      monitoring_station_id: ACCOUNT_NEEDS_STATION,
    });
    // Blanks are no account number; a station with its number is the common case.
    expect(createSiteSchema.safeParse({ ...noStation, account_number: "  " }).success).toBe(true);
    expect(createSiteSchema.parse({ ...good, account_number: " 1001 " })).toMatchObject({
      monitoring_station_id: 12,
      account_number: "1001",
    });
  });
});

describe("contact form", () => {
  it("normalises the phone and lower-cases the email", () => {
    expect(
      createContactSchema.parse({
        external_contact_id: "c-1",
        first_name: "Ana",
        last_name: "Lee",
        phone_number: "(212) 555-0143",
        email: "Ana@Example.COM",
      }),
    ).toEqual({
      external_contact_id: "c-1",
      first_name: "Ana",
      last_name: "Lee",
      phone_number: "+12125550143",
      email: "ana@example.com",
    });
  });
  it("refuses a bad email and an undiallable phone before anything is sent", () => {
    const bad = { external_contact_id: "c-1", first_name: "Ana", last_name: "Lee", phone_number: "123", email: "ana@" };
    expect(fieldErrors(createContactSchema, bad)).toEqual({
      phone_number: expect.stringMatching(/not a phone number/),
      email: expect.stringMatching(/not a valid email/),
    });
  });
  it("leaves out optional fields left empty", () => {
    expect(
      createContactSchema.parse({
        external_contact_id: "c-2",
        first_name: "A",
        last_name: "B",
        phone_number: " ",
        email: "",
      }),
    ).toEqual({ external_contact_id: "c-2", first_name: "A", last_name: "B" });
  });
});

describe("station and dealer forms", () => {
  it("requires the station's external ID and name", () => {
    expect(fieldErrors(createStationSchema, { prefix: "12345678901234567" })).toEqual({
      external_monitoring_station_id: "Station ID is required",
      name: "Name is required",
      prefix: "Prefix must be at most 16 characters",
    });
  });
  it("checks the dealer ID we give CHeKT", () => {
    expect(
      connectDealerSchema.safeParse({ external_dealer_id: "coastal-guard", company_name: "Coastal Guard" }).success,
    ).toBe(true);
    expect(fieldErrors(connectDealerSchema, { external_dealer_id: "-x", company_name: " " })).toEqual({
      external_dealer_id: expect.stringMatching(/must start with a letter or digit/),
      company_name: "Company name is required",
    });
  });
  it("external IDs never accept whitespace or control characters", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const ok = connectDealerSchema.safeParse({ external_dealer_id: s, company_name: "x" }).success;
        if (ok) expect(s.trim()).toMatch(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/);
      }),
    );
  });
});

describe("arming", () => {
  it("names all four security types and accepts only them", () => {
    expect(SECURITY_TYPES.map((t) => t.value)).toEqual([1, 2, 3, 4]);
    expect(securityTypeLabel(3)).toBe("CHeKT video security system");
    expect(securityTypeLabel(9)).toBe("Not set");
    expect(setArmingSchema.parse({ site_id: "7", security_type: "4" })).toEqual({ site_id: 7, security_type: 4 });
    expect(setArmingSchema.safeParse({ site_id: 7, security_type: 5 }).success).toBe(false);
    expect(setArmingSchema.safeParse({ site_id: 0, security_type: 1 }).success).toBe(false);
  });
});

describe("edit forms send only changes and clear with null", () => {
  it("turns an emptied optional field into null and leaves untouched ones out", async () => {
    const { updateSiteSchema } = await import("@/lib/schemas/site");
    expect(updateSiteSchema.parse({ site_id: "5", address2: "  ", name: "New name" })).toEqual({
      site_id: 5,
      address2: null,
      name: "New name",
    });
  });
  it("still refuses to empty a required field", async () => {
    const { updateSiteSchema } = await import("@/lib/schemas/site");
    const r = updateSiteSchema.safeParse({ site_id: 5, name: "" });
    expect(r.success).toBe(false);
    expect(r.error?.issues.some((i) => i.path[0] === "name" && i.message === "Name is required")).toBe(true);
  });
  it("refuses an edit that changes nothing", async () => {
    const { updateSiteSchema } = await import("@/lib/schemas/site");
    const { updateContactSchema } = await import("@/lib/schemas/contact");
    const { updateDealerSchema } = await import("@/lib/schemas/dealer");
    expect(firstMessage(updateSiteSchema, { site_id: 5 })).toMatch(/Nothing has changed/);
    expect(updateContactSchema.safeParse({ site_id: 5, contact_id: 2 }).success).toBe(false);
    expect(updateDealerSchema.safeParse({}).success).toBe(false);
  });
  it("normalises a changed phone and clears an emptied email on a contact", async () => {
    const { updateContactSchema } = await import("@/lib/schemas/contact");
    expect(updateContactSchema.parse({ site_id: 1, contact_id: 2, phone_number: "212 555 0143", email: "" })).toEqual({
      site_id: 1,
      contact_id: 2,
      phone_number: "+12125550143",
      email: null,
    });
  });
  it("refuses a bad changed email on the dealer profile", async () => {
    const { updateDealerSchema } = await import("@/lib/schemas/dealer");
    const r = updateDealerSchema.safeParse({ company_email: "not-an-email" });
    expect(r.error?.issues[0]).toMatchObject({
      path: ["company_email"],
      message: expect.stringMatching(/not a valid email/),
    });
  });
});
