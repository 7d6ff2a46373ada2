// Retrying a failed bulk row without edits validates its stored payload again: each device field
// is read on its own, so a field an older version or a hand edit broke is named by validation, and
// a payload that is no object is refused instead of failing the retry with an internal error.
import { describe, expect, it } from "vitest";
import { readStoredCells } from "@/lib/bulk/stored-cells";
import { validateRows } from "@/lib/bulk/validate";

const stored = { external_device_id: "cam-1", device_type: "camera", name: "Front door", zone_number: "3" };

describe("readStoredCells", () => {
  it("reads a stored device back as its cells", () => {
    expect(readStoredCells(stored)).toEqual(stored);
  });

  it("keeps the fields that hold text and leaves out the rest", () => {
    expect(readStoredCells({ ...stored, name: 42, zone_number: null, mac: ["aa"], device_id: 9 })).toEqual({
      external_device_id: "cam-1",
      device_type: "camera",
    });
  });

  it("reads a payload that is no object as no cells", () => {
    for (const payload of [null, "cam-1", 7, [stored]]) expect(readStoredCells(payload)).toEqual({});
  });

  it("validation then names the broken field, or the required ones of an unreadable payload", () => {
    const opts = { mode: "create" as const, existingExternalIds: [] };
    const [broken, empty] = validateRows(
      [
        { line: 1, values: readStoredCells({ ...stored, name: 42 }) },
        { line: 2, values: readStoredCells(null) },
      ],
      opts,
    );
    expect(Object.keys(broken!.errors)).toEqual(["name"]);
    expect(Object.keys(empty!.errors).sort()).toEqual(["device_type", "external_device_id", "name"]);
  });
});
