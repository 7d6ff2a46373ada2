/**
 * CHeKT keeps a device's external ID unique across the dealer's sites, so the paste review and the
 * device actions refuse an ID another site's device holds, naming where it is in use, instead of
 * letting the job meet CHeKT's 409.
 */
import { describe, expect, it } from "vitest";
import { validateRows } from "@/lib/bulk/validate";

const row = (line: number, id: string) => ({
  line,
  values: { external_device_id: id, device_type: "camera", name: `Cam ${line}` },
});

describe("an external ID another site holds", () => {
  const usedElsewhere = new Map([
    ["cam-1", { device: "Front Door", site: "Harbor" }],
    ["cam-2", { device: null, site: "Site 1042" }],
  ]);

  it("is refused on create, naming the device and the site that hold it", () => {
    const rows = validateRows([row(2, "cam-1"), row(3, "cam-2"), row(4, "cam-3")], {
      mode: "create",
      existingExternalIds: [],
      usedElsewhere,
    });
    expect(rows.map((r) => r.errors.external_device_id)).toEqual([
      'Device ID (yours) "cam-1" is already used by Front Door at Harbor. Choose another ID.',
      'Device ID (yours) "cam-2" is already used at Site 1042. Choose another ID.',
      undefined,
    ]);
    expect(rows.map((r) => r.device !== null)).toEqual([false, false, true]);
  });

  it("on update says the device is on that other site, not this one", () => {
    const [r] = validateRows([{ line: 2, values: { external_device_id: "cam-1", name: "Gate" } }], {
      mode: "update",
      existingExternalIds: [],
      usedElsewhere,
    });
    expect(r.errors.external_device_id).toBe('Device ID (yours) "cam-1" is on a device at Harbor, not at this site');
  });

  it("this site's own devices come first: an ID the site has is checked as before", () => {
    const [created] = validateRows([row(2, "cam-1")], {
      mode: "create",
      existingExternalIds: ["cam-1"],
      usedElsewhere,
    });
    expect(created.errors.external_device_id).toBe('A device "cam-1" already exists');
    const [updated] = validateRows([{ line: 2, values: { external_device_id: "cam-1" } }], {
      mode: "update",
      existingExternalIds: ["cam-1"],
      usedElsewhere,
    });
    expect(updated.errors).toEqual({});
  });
});
