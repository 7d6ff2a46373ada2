// Sheet lines: the number a row has in the user's spreadsheet (header and blank lines counted) is
// what the review, the job page and validation messages call it.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parsePaste } from "@/lib/bulk/parse";
import { applyMapping, guessMapping } from "@/lib/bulk/mapping";
import { validateRows } from "@/lib/bulk/validate";
import { namesList } from "@/components/devices/names-list";
import { addDeviceFormSchema } from "@/lib/bulk/schemas";
import { fieldErrors } from "../support/schema-errors";

describe("sheet lines", () => {
  it("count the header and blank lines, so line 21 is the sheet's line 21", () => {
    const text = ["External ID\tType\tName", "a\tcamera\tA", "", "b\tbridge\tB", "\t\t", "c\tcamera\tC"].join("\n");
    const p = parsePaste(text);
    expect(p.lines).toEqual([1, 2, 4, 6]);
    const rows = applyMapping(p.rows, guessMapping(p.rows, true), true, p.lines);
    expect(rows.map((r) => [r.line, r.values.external_device_id])).toEqual([
      [2, "a"],
      [4, "b"],
      [6, "c"],
    ]);
  });

  it("a quoted cell with a line break is one sheet row", () => {
    const p = parsePaste('id,type,name\nx,camera,"two\nlines"\ny,camera,Y\n');
    expect(p.lines).toEqual([1, 2, 3]);
  });

  it("for any paste, lines rise strictly and match the rows one to one", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom("", "a", "camera", " "), { minLength: 1, maxLength: 4 }), { maxLength: 30 }),
        (table) => {
          const p = parsePaste(table.map((r) => r.join("\t")).join("\n"), { delimiter: "\t" });
          expect(p.lines.length).toBe(p.rows.length);
          for (let i = 1; i < p.lines.length; i++) expect(p.lines[i]).toBeGreaterThan(p.lines[i - 1]);
        },
      ),
    );
  });

  it("a duplicate external ID names the sheet line of its first use", () => {
    const rows = validateRows(
      [
        { line: 7, values: { external_device_id: "x", device_type: "camera", name: "A" } },
        { line: 21, values: { external_device_id: "x", device_type: "camera", name: "B" } },
      ],
      { mode: "create", existingExternalIds: [] },
    );
    expect(rows[1].errors.external_device_id).toBe('Device ID (yours) "x" is also on sheet line 7');
  });
});

describe("namesList", () => {
  it("shows the first 20 names and counts the rest", () => {
    const names = Array.from({ length: 23 }, (_, i) => `Cam ${i + 1}`);
    expect(namesList(names)).toEqual({ shown: names.slice(0, 20), more: 3 });
    expect(namesList(["One"])).toEqual({ shown: ["One"], more: 0 });
  });
});

describe("addDeviceFormSchema", () => {
  it("refuses what a pasted row would be refused for, field by field", () => {
    const pasted = { external_device_id: "g1", device_type: "dome", name: "", zone_number: "13a", mac: "zz" };
    expect(fieldErrors(addDeviceFormSchema, pasted)).toEqual({
      device_type: 'Type must be camera or bridge, not "dome"',
      name: "Name is required",
      zone_number: 'Zone must be a number (digits only), not "13a"',
      mac: 'MAC must be 12 hex digits (AA:BB:CC:DD:EE:FF), not "zz"',
    });
    expect(
      addDeviceFormSchema.safeParse({ external_device_id: "g1", device_type: "Camera", name: "Gate" }).success,
    ).toBe(true);
  });
});
