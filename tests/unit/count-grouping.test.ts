// Every count the console shows is grouped one way (lib/count-text.ts): 1234 reads "1,234" in
// readiness's details, the refusal of invalid rows, and the paste pipeline's match and review steps.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ColumnMatcher } from "@/components/import/column-matcher";
import type { DeviceField } from "@/lib/bulk/fields";
import { refuseInvalid } from "@/lib/bulk/refuse-invalid";
import type { ValidatedRow } from "@/lib/bulk/validate";
import { readinessOf, type SiteFacts } from "@/lib/readiness/rules";
import { deviceKind, noop, renderReview, reviewState } from "../support/review-step";

const N = 1234;

const facts: SiteFacts = {
  siteId: 7,
  name: "Harbor",
  isActivated: true,
  stationId: 1,
  accountNumber: "1001",
  sameAccount: [],
  phones: Array.from({ length: N }, () => "+1 212 555 0143"),
  hasBridge: true,
  securityType: 0,
  cameras: N,
  offlineLong: N,
};

/** The review's state with counts and nothing else: no rows to render. */
const review = reviewState({ invalid: N, sending: 5678, skippedCount: 1500, blocked: true });

const text = (html: string) =>
  html
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"');

describe("counts are grouped", () => {
  it("in readiness's details", () => {
    const details = readinessOf(facts, 30).checks.map((c) => c.detail);
    expect(details).toContain("1,234 contacts with a mobile number");
    expect(details).toContain("1,234 cameras");
    expect(details).toContain("1,234 devices offline longer than 30 minutes");
  });

  it("in the refusal of invalid rows", () => {
    const rows: ValidatedRow[] = Array.from({ length: N }, (_, i) => ({
      line: i + 2,
      values: {},
      errors: { name: "Name is required" },
      device: null,
    }));
    expect(() => refuseInvalid(rows, false)).toThrow(/^1,234 rows have errors\./);
  });

  it("in the match step's row count", () => {
    const html = renderToStaticMarkup(
      createElement(ColumnMatcher<DeviceField>, {
        kind: deviceKind,
        parsed: {
          delimiter: ",",
          rows: Array.from({ length: N + 1 }, () => ["a"]),
          lines: Array.from({ length: N + 1 }, (_, i) => i + 1),
          headerDetected: true,
          warnings: [],
        },
        match: { hasHeader: true, mapping: [], changeHeader: noop, setMapping: noop },
        onBack: noop,
        onNext: noop,
      }),
    );
    expect(text(html)).toContain('1,234 rows, ","-separated.');
  });

  it("in the review's counts and its skip box", () => {
    const html = text(renderReview(review));
    expect(html).toMatch(/5,678 valid/);
    expect(html).toMatch(/1,234 with errors/);
    expect(html).toMatch(/1,500 skipped/);
    expect(html).toContain("Skip the 1,234 invalid rows");
  });
});
