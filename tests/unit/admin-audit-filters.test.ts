import { describe, expect, it } from "vitest";
import { csvField, csvRow, parseAuditFilters } from "@/lib/settings/audit-filters";

describe("parseAuditFilters", () => {
  it("reads every filter from the URL; a date-only 'to' includes that whole day", () => {
    const { filters, errors } = parseAuditFilters(
      new URLSearchParams(
        "user=ann@x.test&action=sites.update&object=42&kind=site&outcome=refused&from=2026-01-02&to=2026-01-03&page=3",
      ),
    );
    expect(errors).toEqual([]);
    expect(filters).toEqual({
      user: "ann@x.test",
      action: "sites.update",
      object: "42",
      kind: "site",
      outcome: "refused",
      from: new Date("2026-01-02T00:00:00.000Z"),
      to: new Date("2026-01-04T00:00:00.000Z"),
      page: 3,
    });
  });

  it("names each bad value and ignores it", () => {
    const { filters, errors } = parseAuditFilters({ outcome: "maybe", from: "yesterday", page: "-1" });
    expect(filters).toEqual({ page: 1, user: undefined, action: undefined, object: undefined, kind: undefined });
    expect(errors).toEqual([
      'Outcome "maybe" is not one of success, failure, refused.',
      '"From" date "yesterday" is not a date (use YYYY-MM-DD).',
      'Page "-1" is not a page number.',
    ]);
  });

  it("a range that ends before it starts is named, and its To is ignored (From still filters)", () => {
    const r = parseAuditFilters({ from: "2026-02-01", to: "2026-01-01" });
    expect(r.errors).toEqual(['"From" must be on or before "To".']);
    expect(r.filters.from?.toISOString()).toBe("2026-02-01T00:00:00.000Z");
    expect(r.filters.to).toBeUndefined();
    expect(r.state).toMatchObject({ from: "2026-02-01", to: "" });
  });
});

describe("csv", () => {
  it("quotes separators, quotes and newlines; serialises objects and dates", () => {
    expect(csvRow(["a,b", 'say "hi"', "x\ny", null, { k: 1 }, new Date("2026-01-01T00:00:00Z")])).toBe(
      '"a,b","say ""hi""","x\ny",,"{""k"":1}",2026-01-01T00:00:00.000Z\r\n',
    );
  });

  it("defuses spreadsheet formulas", () => {
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField("-1")).toBe("'-1");
    expect(csvField("@x")).toBe("'@x");
  });
});
