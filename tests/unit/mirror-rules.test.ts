// Pure rules of the mirror: the literal LIKE pattern of the site search, target validation and
// singleton keys, the zod reading of a stored DTO.
import { describe, expect, it } from "vitest";
import { mirrorTargetSchema, targetKey } from "@/lib/mirror/targets";
import { readContactDto, readDeviceDto, readSiteDto, readStationDto } from "@/lib/mirror/dto";
import { likeContains } from "@/lib/mirror/search";

describe("mirror: site search pattern", () => {
  it("escapes LIKE wildcards and backslashes, lower-cases", () => {
    expect(likeContains("50%_Off\\")).toBe("%50\\%\\_off\\\\%");
    expect(likeContains("Depot")).toBe("%depot%");
  });
});

describe("mirror: targets", () => {
  it("objects need their id, children their site", () => {
    expect(mirrorTargetSchema.safeParse({ kind: "site" }).success).toBe(false);
    expect(mirrorTargetSchema.safeParse({ kind: "site", chektId: 4 }).success).toBe(true);
    expect(mirrorTargetSchema.safeParse({ kind: "contacts" }).success).toBe(false);
    expect(mirrorTargetSchema.safeParse({ kind: "contacts", siteId: 4 }).success).toBe(true);
    expect(mirrorTargetSchema.safeParse({ kind: "dealer" }).success).toBe(true);
    expect(mirrorTargetSchema.safeParse({ kind: "site", chektId: -1 }).success).toBe(false);
    expect(mirrorTargetSchema.safeParse({ kind: "nope" }).success).toBe(false);
  });
  it("one singleton key per dealer link and object", () => {
    expect(targetKey("L1", { kind: "site", chektId: 4 })).not.toBe(targetKey("L2", { kind: "site", chektId: 4 }));
    expect(targetKey("L1", { kind: "site", chektId: 4 })).toBe(targetKey("L1", { kind: "site", chektId: 4 }));
    expect(targetKey("L1", { kind: "sites", view: "q=a" })).not.toBe(targetKey("L1", { kind: "sites", view: "q=b" }));
  });
});

describe("mirror: stored DTOs are read with zod, not cast", () => {
  it("a complete site reads; a malformed one is null", () => {
    const site = {
      site_id: 1,
      external_site_id: "s1",
      name: "A",
      timezone: "UTC",
      is_activated: 1,
      created_at: "2026-01-01 00:00:00",
    };
    expect(readSiteDto(site)).toMatchObject(site);
    expect(readSiteDto({ ...site, is_activated: 2 })).toBeNull();
    expect(readStationDto({ monitoring_station_id: 1, name: "x" })).toBeNull();
  });
  it("a contact reads with its phone and email; one without a last name is null", () => {
    const contact = {
      contact_id: 7,
      site_id: 1,
      external_contact_id: "c7",
      first_name: "Ana",
      last_name: "Lee",
      phone_number: "+12125550143",
      email: null,
      created_at: "2026-01-01T00:00:00.000Z",
    };
    expect(readContactDto(contact)).toEqual(contact);
    const { last_name: _, ...nameless } = contact;
    expect(readContactDto(nameless)).toBeNull();
  });
  it("a device reads from its IDs alone, as the draft API may answer; a wrongly typed field is null", () => {
    expect(readDeviceDto({ device_id: 3, external_device_id: "cam-3" })).toEqual({
      device_id: 3,
      external_device_id: "cam-3",
    });
    const camera = { device_id: 4, external_device_id: "cam-4", device_type: "camera", name: "Dock", mac: null };
    expect(readDeviceDto(camera)).toEqual(camera);
    expect(readDeviceDto({ ...camera, name: 12 })).toBeNull();
  });
});
