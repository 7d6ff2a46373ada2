// The desk report's shortcuts (lib/verifications/report-range.ts): each is a range the report reads back
// as that many whole days ending today.
import { describe, expect, it } from "vitest";
import { parseReportRange, reportPresets } from "@/lib/verifications/report-range";

describe("report presets", () => {
  const now = new Date("2026-12-03T23:59:00Z");
  it("links the last 7, 30 and 90 UTC days up to today", () => {
    expect(reportPresets(now).map((p) => [p.label, p.href])).toEqual([
      ["Last 7 days", "/verifications/report?from=2026-11-27&to=2026-12-03"],
      ["Last 30 days", "/verifications/report?from=2026-11-04&to=2026-12-03"],
      ["Last 90 days", "/verifications/report?from=2026-09-05&to=2026-12-03"],
    ]);
  });
  it("each reads back as a range of exactly that many days", () => {
    for (const [i, p] of reportPresets(now).entries()) {
      const { range, errors } = parseReportRange(new URL(p.href, "http://x").searchParams, now);
      expect(errors).toEqual([]);
      if (!range) throw new Error(`${p.label}: no range`);
      expect((range.to.getTime() - range.from.getTime()) / 86_400_000).toBe([7, 30, 90][i]);
    }
  });
});
