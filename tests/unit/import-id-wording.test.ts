/**
 * The site import and the device paste name the ID column as the forms do, and take that wording back as
 * a sheet's header; the review grid sizes a column by its longest value so none is cut in its box.
 */
import { describe, expect, it } from "vitest";
import { fieldForHeader, FIELD_LABELS } from "@/lib/bulk/fields";
import { validateRows } from "@/lib/bulk/validate";
import { SITE_FIELD_LABELS, siteFieldForHeader } from "@/lib/import/site-fields";
import { columnSizes, longestValues } from "@/components/import/column-widths";

describe("the ID column's name", () => {
  it("is the forms' own, and a header in that wording is read as the ID column", () => {
    expect(SITE_FIELD_LABELS.external_site_id).toBe("Site ID (yours)");
    expect(FIELD_LABELS.external_device_id).toBe("Device ID (yours)");
    expect(siteFieldForHeader("Site ID (yours)")).toBe("external_site_id");
    expect(fieldForHeader("Device ID (yours)")).toBe("external_device_id");
    // Sheets made for the old wording still match.
    expect(siteFieldForHeader("External ID")).toBe("external_site_id");
    expect(fieldForHeader("External ID")).toBe("external_device_id");
  });

  it("is the one a paste's messages use", () => {
    const rows = validateRows(
      [
        { line: 2, values: { external_device_id: "", device_type: "camera", name: "A" } },
        { line: 3, values: { external_device_id: "x", device_type: "camera", name: "B" } },
        { line: 4, values: { external_device_id: "x", device_type: "camera", name: "C" } },
      ],
      { mode: "create", existingExternalIds: [] },
    );
    expect(rows.map((r) => r.errors.external_device_id)).toEqual([
      "Device ID (yours) is required",
      undefined,
      'Device ID (yours) "x" is also on sheet line 3',
    ]);
  });
});

describe("the review grid's columns", () => {
  const row = (values: Record<string, string>, placeholders?: Record<string, string>) => ({
    line: 2,
    values,
    errors: {},
    skipped: false,
    placeholders,
  });

  it("are as wide as their longest value or preview, never under 9rem, growing no further than 60 characters", () => {
    const rows = [
      row({ tz: "America/Los_Angeles", name: "Harbor" }),
      row({ tz: "UTC", name: "x".repeat(200) }, { id: "SITE-00001 (generated)" }),
    ];
    expect(longestValues(rows, ["tz", "name", "id", "empty"])).toEqual([19, 60, 22, 0]);
    const sizes = columnSizes([19, 60, 22, 0]);
    // 19 × 0.6rem + 2rem, 60 × 0.6 + 2, 22 × 0.6 + 2, rounded up; an empty column keeps 9rem.
    expect(sizes["--cols"]).toBe(
      "5.5rem minmax(14rem, 1fr) minmax(38rem, 1fr) minmax(16rem, 1fr) minmax(9rem, 1fr) 6.5rem",
    );
    expect(sizes["--min-w-md"]).toBe("calc(5.5rem + 18rem + 14rem + 38rem + 16rem + 9rem + 6.5rem)");
  });
});
