// Every count the console shows is grouped one way (lib/count-text.ts): 1234 reads "1,234" in
// readiness's details, the refusal of invalid rows, and the paste pipeline's match and review steps.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ColumnMatcher } from "@/components/import/column-matcher";
import { ReviewStep } from "@/components/import/review-step";
import type { ReviewRowsState } from "@/components/import/use-review-rows";
import type { PipelineKind, PipelineText } from "@/components/import/pipeline-types";
import { DEVICE_COLUMNS } from "@/lib/bulk/mapping";
import { FIELD_LABELS, type DeviceField } from "@/lib/bulk/fields";
import { refuseInvalid } from "@/lib/bulk/refuse-invalid";
import type { ValidatedRow } from "@/lib/bulk/validate";
import { readinessOf, type SiteFacts } from "@/lib/readiness/rules";

const N = 1234;
const noop = () => undefined;

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

const kind: PipelineKind<DeviceField> = {
  spec: DEVICE_COLUMNS,
  labels: FIELD_LABELS,
  noun: { one: "device", many: "devices" },
  sentVerb: "sent",
  shownFields: (mapped) => mapped,
  check: () => [],
};

const words: PipelineText = {
  steps: ["Paste", "Match", "Review"],
  pasteTitle: "",
  pasteDescription: "",
  pasteLabel: "",
  pasteRows: 3,
  placeholder: "",
  reviewTitle: "Review",
  reviewDescription: "",
  gridLabel: "Rows",
  sendLabel: (n) => `Send ${n}`,
};

/** The review's state with counts and nothing else: no rows to render. */
const review: ReviewRowsState<DeviceField> = {
  grid: { current: null },
  reviewRows: [],
  active: [],
  invalid: N,
  sending: 5678,
  skippedCount: 1500,
  deletedLine: null,
  blocked: true,
  onlyErrors: false,
  setOnlyErrors: noop,
  skipInvalid: false,
  setSkipInvalid: noop,
  notice: "",
  load: noop,
  edit: noop,
  skip: noop,
  remove: noop,
  undoDelete: noop,
  nextError: noop,
  onKey: noop,
};

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
        kind,
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
    const html = text(
      renderToStaticMarkup(
        createElement(ReviewStep<DeviceField>, {
          kind,
          words,
          review,
          fields: [],
          onBack: noop,
          send: async () => undefined,
          pending: false,
          failure: null,
        }),
      ),
    );
    expect(html).toMatch(/5,678 valid/);
    expect(html).toMatch(/1,234 with errors/);
    expect(html).toMatch(/1,500 skipped/);
    expect(html).toContain("Skip the 1,234 invalid rows");
  });
});
