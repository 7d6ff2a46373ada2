import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { DEFAULT_SITE_COLUMNS, literalCaseInsensitiveRegex, siteListControls, siteList } from "@/lib/schemas/site-list";

describe("sites table state in the URL", () => {
  it("defaults everything from an empty URL", () => {
    const s = siteList.parse({});
    expect(s).toEqual({
      q: "",
      active: "",
      tz: "",
      station: "",
      ready: "",
      sort: "name",
      dir: "asc",
      page: 1,
      per: 25,
      cols: DEFAULT_SITE_COLUMNS,
    });
    expect(siteList.search(s)).toBe("");
  });
  it("reads every control and writes it back the same", () => {
    const search = "?q=HQ&active=1&tz=Asia%2FSeoul&sort=created_at&dir=desc&page=3&per=50&cols=name%2Ctimezone";
    const s = siteList.parse(Object.fromEntries(new URLSearchParams(search)));
    expect(s).toMatchObject({
      q: "HQ",
      active: "1",
      tz: "Asia/Seoul",
      sort: "created_at",
      dir: "desc",
      page: 3,
      per: 50,
      cols: ["name", "timezone"],
    });
    expect(siteList.search(s)).toBe(search);
  });
  it("falls back per control on nonsense instead of failing the page", () => {
    const nonsense = "?sort=password&dir=sideways&page=-4&per=1000000&active=yes&tz=Mars%2FBase&cols=secret%2Cevil";
    const s = siteList.parse(Object.fromEntries(new URLSearchParams(nonsense)));
    expect(s).toEqual(siteList.parse({}));
  });
  it("keeps name as a column and drops unknown ones", () => {
    expect(siteList.parse({ cols: "timezone,bogus" }).cols).toEqual(["name", "timezone"]);
  });
  it("goes back to page 1 when anything but the page changes", () => {
    const s = siteList.parse({ page: "4" });
    expect(siteList.withChanges(s, { q: "x" }).page).toBe(1);
    expect(siteList.withChanges(s, { page: 5 }).page).toBe(5);
  });
  it("asks CHeKT for one page, the chosen columns and every filter", () => {
    const s = siteList.parse({
      q: "a.b",
      active: "0",
      tz: "UTC",
      sort: "timezone",
      dir: "desc",
      page: "3",
      per: "50",
      cols: "timezone",
    });
    expect(siteListControls(s)).toEqual({
      fields: ["site_id", "name", "timezone"],
      filter: [
        { column: "name", value: "[aA]\\.[bB]", op: "regex" },
        { column: "is_activated", value: "0", op: "eq" },
        { column: "timezone", value: "UTC", op: "eq" },
      ],
      sort: "timezone",
      dir: "desc",
      limit: 50,
      offset: 100,
    });
  });
});

describe("search text becomes a literal, case-insensitive regex", () => {
  it("escapes regex syntax", () => {
    expect(literalCaseInsensitiveRegex("(1+1)*")).toBe("\\(1\\+1\\)\\*");
    expect(literalCaseInsensitiveRegex("A, B")).toBe("[aA], [bB]");
  });
  it("matches exactly the names that contain the text, ignoring case", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 12 }),
        fc.string({ maxLength: 20 }),
        fc.string({ maxLength: 20 }),
        (needle, before, after) => {
          const re = new RegExp(literalCaseInsensitiveRegex(needle), "u");
          const hay = before + needle.toUpperCase() + after;
          // Upper-casing can change length (ß → SS); compare only where it does not.
          if (needle.toUpperCase().length === needle.length) expect(re.test(hay)).toBe(true);
        },
      ),
    );
  });
  it("does not match names that only look alike", () => {
    const re = new RegExp(literalCaseInsensitiveRegex("a.c"));
    expect(re.test("abc")).toBe(false);
    expect(re.test("xA.Cx")).toBe(true);
  });
});

describe("column chooser", () => {
  it("reads repeated cols from a GET form the same as a comma list", () => {
    expect(siteList.parse({ cols: ["timezone", "is_activated"] }).cols).toEqual(["name", "timezone", "is_activated"]);
  });
  it("filters by monitoring station from the station page's link", () => {
    const s = siteList.parse({ station: "12" });
    expect(siteList.search(s)).toBe("?station=12");
    expect(siteListControls(s).filter).toEqual([{ column: "monitoring_station_id", value: "12", op: "eq" }]);
    expect(siteList.parse({ station: "12; drop" }).station).toBe("");
  });

  it("reads columns sent as anything but strings without throwing (found by the schema fuzz)", () => {
    const odd = siteList.parse({ cols: [{ toString: 0 }, "timezone"], page: 3, per: { valueOf: () => 50 } });
    expect(odd.cols).toEqual(["name", "timezone"]);
    expect(odd.page).toBe(1);
    expect(odd.per).toBe(25);
  });
});
