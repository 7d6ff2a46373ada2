// Every list page's URL state (lib/list-state and the one module per list that declares it):
// any URL parses without throwing, a refused value becomes that control's default, and a parsed
// state written back into a link parses to the same state (links never drift from what is shown).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defineListState } from "@/lib/list-state/define";
import {
  columns,
  intIn,
  isDay,
  isInstant,
  numberOf,
  oneOf,
  dateRange,
  rangeBound,
  text,
} from "@/lib/list-state/parsers";
import { MAX_PAGE, pageCount } from "@/lib/list-state/pages";
import { withToggled } from "@/lib/list-state/selection";
import { siteList } from "@/lib/schemas/site-list";
import { fleetList } from "@/lib/fleet/list-state";
import { auditList, parseAuditFilters } from "@/lib/settings/audit-filters";
import { parseWebhookLogFilters, webhookLogList } from "@/lib/settings/webhook-log-filters";
import { historyList, parseHistoryParams } from "@/lib/verifications/history-filter";
import { jobsListOf } from "@/lib/bulk/jobs-list-state";
import { usersList } from "@/lib/users/list-state";
import { stationsList } from "@/lib/mirror/stations-list-state";

type List = {
  keys: string[];
  defaults: object;
  parse: (p: URLSearchParams | Record<string, unknown>) => object;
  search: (s: never) => string;
  refused: (p: Record<string, unknown>) => { key: string; raw: string }[];
};
/** The checks below only need the shape every list shares; each list keeps its own types elsewhere. */
const shape = <L extends List>(l: L): List => l;
const LISTS = {
  siteList: shape(siteList),
  fleetList: shape(fleetList),
  auditList: shape(auditList),
  webhookLogList: shape(webhookLogList),
  historyList: shape(historyList),
  jobsList: shape(jobsListOf(7)),
  usersList: shape(usersList),
  stationsList: shape(stationsList),
};
const write = (list: List, state: object) => (list.search as (s: object) => string)(state);

const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom("", " ", "-1", "0", "1e3", "0x10", "12abc", "1.5", "NaN", "Infinity", "99999999999999", "__proto__"),
  fc.constantFrom("asc", "desc", "name", "2026-02-30", "2026-11-24", "yesterday", "a".repeat(1000), "%", "&", ",,"),
);
const urlFor = (keys: string[]) =>
  fc
    .array(fc.tuple(fc.constantFrom(...keys, "extra", "constructor"), nasty), { maxLength: 12 })
    .map((pairs) => new URLSearchParams(pairs));

describe.each(Object.entries(LISTS))("%s", (_name, list) => {
  it("an empty URL is the defaults, written back as no query at all", () => {
    expect(list.parse({})).toEqual(list.defaults);
    expect(write(list, list.defaults)).toBe("");
  });

  it("any URL parses, and the state's own link parses back to the same state", () => {
    fc.assert(
      fc.property(urlFor(list.keys), (url) => {
        const state = list.parse(url);
        expect(list.parse(new URLSearchParams(write(list, state).slice(1)))).toEqual(state);
      }),
      { numRuns: 300 },
    );
  });

  it("non-string values (an action may be sent anything) are ignored, not thrown on", () => {
    const odd = Object.fromEntries(list.keys.map((k) => [k, [{ toString: 0 }, 7, null]]));
    expect(list.parse(odd)).toEqual(list.defaults);
  });

  it("a refused value is the default and is reported by name", () => {
    if (!list.keys.includes("page")) return;
    const state = list.parse({ page: "-4" });
    expect(state).toEqual(list.defaults);
    expect(list.refused({ page: "-4" })).toEqual([{ key: "page", raw: "-4" }]);
  });

  it("takes pages up to the one largest page number every list shares, and no further", () => {
    if (!list.keys.includes("page")) return;
    expect(list.parse({ page: String(MAX_PAGE) })).toMatchObject({ page: MAX_PAGE });
    expect(list.refused({ page: String(MAX_PAGE + 1) })).toEqual([{ key: "page", raw: String(MAX_PAGE + 1) }]);
  });
});

describe("pageCount", () => {
  it("is how many pages the rows fill, and at least one so an empty list still has its page", () => {
    expect([0, 1, 25, 26, 100].map((n) => pageCount(n, 25))).toEqual([1, 1, 1, 2, 4]);
  });
});

describe("parsers", () => {
  it("integers are plain digits in range (nuqs's own parseInt would read 12abc and 0x10)", () => {
    const p = intIn(1, 100);
    expect(["1", " 7 ", "100"].map((v) => p.parse(v))).toEqual([1, 7, 100]);
    expect(["0", "101", "12abc", "0x10", "1e2", "1.5", "-3", ""].map((v) => p.parse(v))).toEqual(Array(8).fill(null));
  });
  it("page sizes, choices, text and days", () => {
    expect(numberOf([25, 50]).parse("50")).toBe(50);
    expect(numberOf([25, 50]).parse("49")).toBeNull();
    expect(oneOf(["a", "b"]).parse("c")).toBeNull();
    expect(text(3).parse("  ab ")).toBe("ab");
    expect(text(3).parse("abcd")).toBeNull();
    expect(isDay("2026-02-28")).toBe(true);
    expect(isDay("2026-02-30")).toBe(false);
    expect(isInstant("2026-11-24T10:00:00Z")).toBe(true);
    expect(isInstant("someday")).toBe(false);
  });
  it("columns read a comma list and repeated keys alike, keep the fixed one first, drop unknown ones", () => {
    const list = defineListState(
      { path: "/l", noun: "l" },
      { cols: columns(["a", "b", "c"], "a", ["a", "b"]).withDefault(["a", "b"]) },
    );
    expect(list.parse(new URLSearchParams("cols=c&cols=b")).cols).toEqual(["a", "c", "b"]);
    expect(list.parse({ cols: "c,zz" }).cols).toEqual(["a", "c"]);
    expect(list.parse({ cols: "zz" }).cols).toEqual(["a", "b"]);
    expect(list.search({ cols: ["a", "c"] })).toBe("?cols=a%2Cc");
  });
  it("a change to anything but the page goes back to page 1", () => {
    const list = defineListState(
      { path: "/l", noun: "l" },
      { q: text(10).withDefault(""), page: intIn(1, 9).withDefault(1) },
    );
    const s = list.parse({ q: "x", page: "4" });
    expect(list.withChanges(s, { q: "y" })).toEqual({ q: "y", page: 1 });
    expect(list.withChanges(s, { page: 5 })).toEqual({ q: "x", page: 5 });
  });
  it("a link is the list's own page with the state written in, a change going back to page 1", () => {
    const list = defineListState(
      { path: "/things", noun: "things" },
      { q: text(10).withDefault(""), page: intIn(1, 9).withDefault(1) },
    );
    const s = list.parse({ q: "x", page: "4" });
    expect(list.href(s)).toBe("/things?q=x&page=4");
    expect(list.href(s, { q: "" })).toBe("/things");
    expect(list.href(s, { page: 5 })).toBe("/things?q=x&page=5");
    expect(jobsListOf(12).href(jobsListOf(12).defaults, { state: "failed" })).toBe(
      "/sites/12/devices/jobs?state=failed",
    );
  });
  it("a From day is its start, a To day the start of the day after; an instant is itself", () => {
    expect(rangeBound("2026-11-24", "from")?.toISOString()).toBe("2026-11-24T00:00:00.000Z");
    expect(rangeBound("2026-11-24", "to")?.toISOString()).toBe("2026-11-25T00:00:00.000Z");
    expect(rangeBound("2026-12-31", "to")?.toISOString()).toBe("2027-01-01T00:00:00.000Z");
    expect(rangeBound("2026-11-24T10:30:00Z", "to")?.toISOString()).toBe("2026-11-24T10:30:00.000Z");
    expect(rangeBound("", "from")).toBeUndefined();
  });
  it("a To not after From is dropped and said to be; one day From and To is that whole day", () => {
    expect(dateRange("2026-11-24", "2026-11-01")).toEqual({
      from: new Date("2026-11-24T00:00:00.000Z"),
      to: undefined,
      reversed: true,
    });
    expect(dateRange("2026-11-24", "2026-11-24")).toEqual({
      from: new Date("2026-11-24T00:00:00.000Z"),
      to: new Date("2026-11-25T00:00:00.000Z"),
      reversed: false,
    });
    expect(dateRange("2026-11-24T10:00:00Z", "2026-11-24T10:00:00Z").reversed).toBe(true);
    expect(dateRange("", "2026-11-01")).toEqual({
      from: undefined,
      to: new Date("2026-11-02T00:00:00.000Z"),
      reversed: false,
    });
  });
});

describe("lists that say what they ignored, in one wording", () => {
  it("a reversed range is named after the other filters, before the page, and its To dropped, on every log", () => {
    const params = { from: "2026-11-24", to: "2026-11-01", page: "0" };
    const expected = ['"From" must be on or before "To".', 'Page "0" is not a page number.'];
    const [audit, log, history] = [
      parseAuditFilters(params),
      parseWebhookLogFilters(params),
      parseHistoryParams(params),
    ];
    expect([audit.errors, log.errors, history.errors]).toEqual([expected, expected, expected]);
    expect([audit.filters.from, log.filters.from, history.filter.from]).toEqual(Array(3).fill(new Date("2026-11-24")));
    expect([audit.filters.to, log.filters.to, history.filter.to]).toEqual([undefined, undefined, undefined]);
    expect([audit.state.to, log.state.to, history.values.to]).toEqual(["", "", ""]);
  });
  it("audit: bad values are named and fall back to any", () => {
    const r = parseAuditFilters({ outcome: "maybe", to: "2026-13-01", page: "x", user: "ann" });
    expect(r.filters).toEqual({ user: "ann", page: 1 });
    expect(r.errors).toEqual([
      'Outcome "maybe" is not one of success, failure, refused.',
      '"To" date "2026-13-01" is not a real day.',
      'Page "x" is not a page number.',
    ]);
  });
  it("webhook log: a bad verdict, date and page are named; the rest still filters", () => {
    const r = parseWebhookLogFilters({ verdict: "evil", from: "nope", page: "0", type: "alarm.created" });
    expect(r.filters).toMatchObject({ type: "alarm.created", page: 1 });
    expect(r.filters.verdict).toBeUndefined();
    expect(r.errors).toEqual([
      'Verdict "evil" is not one of accepted, duplicate, rejected, malformed.',
      '"From" date "nope" is not a date (use YYYY-MM-DD).',
      'Page "0" is not a page number.',
    ]);
  });
  it("history: a bad value no longer hides the list, it is ignored and named", () => {
    const r = parseHistoryParams({ state: "lost", site: "3", from: "2026-02-30" });
    expect(r.filter).toMatchObject({ siteId: 3, page: 1 });
    expect(r.filter.state).toBeUndefined();
    expect(r.filter.from).toBeUndefined();
    expect(r.errors).toEqual([
      'State "lost" is not one of pending, claimed, dispatched, disregarded, expired, cancelled.',
      '"From" date "2026-02-30" is not a real day.',
    ]);
  });
});

describe("withToggled", () => {
  it("adds or takes out one item in a new Set, leaving the old one as it was", () => {
    const before = new Set([1, 2]);
    const added = withToggled(before, 3, true);
    expect([...added]).toEqual([1, 2, 3]);
    expect([...withToggled(added, 1, false)]).toEqual([2, 3]);
    expect([...withToggled(before, 9, false)]).toEqual([1, 2]);
    expect(added).not.toBe(before);
    expect([...before]).toEqual([1, 2]);
  });
});
