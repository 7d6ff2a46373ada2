import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { detectDelimiter, parsePaste, unparseTable, type Delimiter } from "@/lib/bulk/parse";
import { applyMapping, guessMapping, mappingFromHeader, duplicateFields } from "@/lib/bulk/mapping";
import { normalizeMac } from "@/lib/bulk/mac";
import { normalizeZoneList, validateRows, countInvalid } from "@/lib/bulk/validate";
import { fieldForHeader } from "@/lib/bulk/fields";
import { cpuMsSince } from "../support/cpu";

const cell = fc.string({
  unit: fc.constantFrom("a", "B", "1", " ", ",", "\t", ";", "|", '"', "\n", "\r", "é", "-", ":", "x", "\u00a0"),
  maxLength: 8,
});
// A row a user could paste: at least one cell with something other than whitespace in it.
const table = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 12 }))
  .chain(([w, h]) => fc.array(fc.array(cell, { minLength: w, maxLength: w }), { minLength: h, maxLength: h }))
  .map((rows) => rows.filter((r) => r.some((c) => c.trim() !== "")))
  .filter((rows) => rows.length > 0);

describe("parsePaste", () => {
  it("round-trips any table through unparse → parse, for every delimiter", () => {
    fc.assert(
      fc.property(table, fc.constantFrom<Delimiter>("\t", ",", ";", "|"), (rows, d) => {
        const text = unparseTable(rows, d);
        expect(parsePaste(text, { delimiter: d }).rows).toEqual(rows);
      }),
      { numRuns: 500 },
    );
  });

  it("round-trips a table with 2+ columns when the delimiter is auto-detected", () => {
    const wide = table.filter((rows) => rows[0].length >= 2);
    fc.assert(
      fc.property(wide, fc.constantFrom<Delimiter>("\t", ","), (rows, d) => {
        expect(parsePaste(unparseTable(rows, d)).rows).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on garbage; invalid rows come back with errors", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const parsed = parsePaste(text);
        const mapping = guessMapping(parsed.rows, parsed.headerDetected);
        const rows = validateRows(applyMapping(parsed.rows, mapping, parsed.headerDetected), {
          mode: "create",
          existingExternalIds: [],
        });
        for (const r of rows) {
          if (r.device === null) expect(Object.keys(r.errors).length).toBeGreaterThan(0);
          else expect(r.errors).toEqual({});
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("reads TSV as Excel copies it (quoted cells with line breaks, CRLF)", () => {
    const text = 'External ID\tType\tName\r\ncam-1\tcamera\t"Front\r\ndoor"\r\ncam-2\tcamera\tBack\r\n';
    const p = parsePaste(text);
    expect(p.delimiter).toBe("\t");
    expect(p.headerDetected).toBe(true);
    expect(p.rows).toEqual([
      ["External ID", "Type", "Name"],
      ["cam-1", "camera", "Front\r\ndoor"],
      ["cam-2", "camera", "Back"],
    ]);
  });

  it("detects CSV on a short paste and skips blank lines", () => {
    expect(detectDelimiter("a,b\nc,d\n")).toBe(",");
    const p = parsePaste("cam-1,camera,Front\n\n   \ncam-2,bridge,Hall\n");
    expect(p.delimiter).toBe(",");
    expect(p.headerDetected).toBe(false);
    expect(p.rows).toHaveLength(2);
  });

  it("strips a byte-order mark", () => {
    expect(parsePaste("\uFEFFname\tmac\nx\ty").rows[0][0]).toBe("name");
  });
});

describe("column matching", () => {
  it("matches header synonyms", () => {
    expect(
      ["MAC Address", "mac_address", "Zone", "Serial No", "Serial No.", "Device Type", "ext id", "Make"].map(
        fieldForHeader,
      ),
    ).toEqual([
      "mac",
      "mac",
      "zone_number",
      "serial_number",
      "serial_number",
      "device_type",
      "external_device_id",
      "manufacturer",
    ]);
    expect(fieldForHeader("Notes")).toBeNull();
  });

  it("ignores a second column naming the same field and unknown columns", () => {
    expect(mappingFromHeader(["Name", "Label", "Notes", "MAC"])).toEqual(["name", null, null, "mac"]);
    expect(duplicateFields(["name", "name", "mac"])).toEqual(["name"]);
  });

  it("finds type and MAC columns by content when there is no header", () => {
    const rows = [
      ["c1", "Front", "AA:BB:CC:DD:EE:01", "camera"],
      ["c2", "Back", "aabbccddee02", "bridge"],
    ];
    expect(guessMapping(rows, false)).toEqual(["external_device_id", "name", "mac", "device_type"]);
  });
});

describe("normalisation", () => {
  it("accepts the MAC forms installers paste and rejects the rest", () => {
    for (const m of [
      "AA:BB:CC:DD:EE:FF",
      "aa-bb-cc-dd-ee-ff",
      "aabbccddeeff",
      "AABB.CCDD.EEFF",
      " aa:bb:cc:dd:ee:ff ",
    ]) {
      expect(normalizeMac(m)).toBe("AA:BB:CC:DD:EE:FF");
    }
    for (const m of ["AA:BB:CC:DD:EE", "GG:BB:CC:DD:EE:FF", "aabbccddeeff00", "A:ABB:CC:DD:EE:FF", ""])
      expect(normalizeMac(m)).toBeNull();
  });

  it("normalises a zone list", () => {
    expect(normalizeZoneList(" 2, 3 ,004")).toBe("2,3,004");
    expect(normalizeZoneList("2,x")).toBeNull();
  });
});

describe("validateRows", () => {
  const row = (line: number, values: Record<string, string>) => ({ line, values });

  it("reports each problem on its field with a clear message", () => {
    const [r] = validateRows(
      [row(2, { external_device_id: "", device_type: "dome", name: "", zone_number: "1a", mac: "xyz" })],
      { mode: "create", existingExternalIds: [] },
    );
    expect(r.device).toBeNull();
    expect(r.errors).toEqual({
      external_device_id: "Device ID (yours) is required",
      device_type: 'Type must be camera or bridge, not "dome"',
      name: "Name is required",
      zone_number: 'Zone must be a number (digits only), not "1a"',
      mac: 'MAC must be 12 hex digits (AA:BB:CC:DD:EE:FF), not "xyz"',
    });
  });

  it("normalises a good row into the DTO and leaves empty optional fields out", () => {
    const [r] = validateRows(
      [
        row(1, {
          external_device_id: " cam-1 ",
          device_type: "Camera",
          name: "Front",
          mac: "aa-bb-cc-dd-ee-ff",
          model: "",
          additional_zone_numbers: "2, 3",
        }),
      ],
      { mode: "create", existingExternalIds: [] },
    );
    expect(r.errors).toEqual({});
    expect(r.device).toEqual({
      external_device_id: "cam-1",
      device_type: "camera",
      name: "Front",
      mac: "AA:BB:CC:DD:EE:FF",
      additional_zone_numbers: "2,3",
    });
  });

  it("flags duplicates within the paste and against the site", () => {
    const rows = validateRows(
      [
        row(1, { external_device_id: "a", device_type: "camera", name: "A" }),
        row(2, { external_device_id: "a", device_type: "camera", name: "A2" }),
        row(3, { external_device_id: "old", device_type: "bridge", name: "O" }),
      ],
      { mode: "create", existingExternalIds: new Set(["old"]) },
    );
    expect(rows.map((r) => r.errors.external_device_id)).toEqual([
      undefined,
      'Device ID (yours) "a" is also on sheet line 1',
      'A device "old" already exists',
    ]);
    expect(countInvalid(rows)).toBe(2);
  });

  it("on update, needs only the key and that the site has it", () => {
    const rows = validateRows(
      [row(1, { external_device_id: "old", name: "Renamed" }), row(2, { external_device_id: "new" })],
      { mode: "update", existingExternalIds: ["old"] },
    );
    expect(rows[0].device).toEqual({ external_device_id: "old", name: "Renamed" });
    expect(rows[1].errors.external_device_id).toBe('The site has no device "new"');
  });

  it("parses and validates 5,000 pasted rows quickly", () => {
    const lines = ["External ID\tType\tName\tZone\tMAC\tModel"];
    for (let i = 0; i < 5000; i++)
      lines.push(`cam-${i}\tcamera\tCamera ${i}\t${i % 99}\t${(0x1000000 + i).toString(16).padStart(12, "0")}\tCK-1`);
    const t0 = process.cpuUsage();
    const p = parsePaste(lines.join("\n"));
    const rows = validateRows(applyMapping(p.rows, guessMapping(p.rows, p.headerDetected), true), {
      mode: "create",
      existingExternalIds: [],
    });
    const ms = cpuMsSince(t0);
    expect(countInvalid(rows)).toBe(0);
    console.log(`parse+validate 5,000 rows: ${ms.toFixed(1)} ms of CPU`);
    expect(ms).toBeLessThan(2000);
  });
});
