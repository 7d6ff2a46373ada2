import { csvRow } from "@/lib/settings/audit-filters";
import type { OutcomeCount } from "./outcomes-history";
import type { DeskReport, Timing } from "./report";
import type { ReportRange } from "./report-range";

// The desk report as one CSV: a section per table of the page, each with its own header row and a
// blank line between, so a spreadsheet shows the same numbers the page does.

const blank = (v: number | null) => (v === null ? "" : String(v));
const timingRow = (label: string, t: Timing) => [label, blank(t.median), blank(t.p90), blank(t.avg), String(t.count)];

/** A blank line, then the section's title, its header row and its rows. */
const section = (title: string, header: string[], rows: unknown[][]): unknown[][] => [[], [title], header, ...rows];

export function reportCsv(report: DeskReport, range: ReportRange, byOutcome: OutcomeCount[] = []): string {
  const s = report.summary;
  const out: unknown[][] = [
    ["Desk report", `${range.fromDay} to ${range.toDay} (UTC)`],
    ...section(
      "Outcomes",
      ["total", "dispatched", "disregarded", "expired", "cancelled", "open"],
      [[s.total, s.dispatched, s.disregarded, s.expired, s.cancelled, s.open]],
    ),
    ...section(
      "Handling times (seconds from arrival)",
      ["step", "median_s", "p90_s", "avg_s", "items"],
      [timingRow("first view", s.toFirstView), timingRow("claim", s.toClaim), timingRow("answer", s.toAnswer)],
    ),
    ...section(
      "By operator",
      ["operator", "operator_id", "claimed", "dispatched", "disregarded", "median_to_claim_s", "median_to_answer_s"],
      report.byOperator.map((o) => [
        o.operator,
        o.operatorId ?? "",
        o.claimed,
        o.dispatched,
        o.disregarded,
        blank(o.medianToClaim),
        blank(o.medianToAnswer),
      ]),
    ),
    ...section(
      "By site",
      ["site", "site_id", "total", "dispatched", "disregarded", "expired", "median_to_answer_s"],
      report.bySite.map((x) => [
        x.site,
        x.siteId,
        x.total,
        x.dispatched,
        x.disregarded,
        x.expired,
        blank(x.medianToAnswer),
      ]),
    ),
    ...section(
      "By hour of day (UTC)",
      ["hour", "total", "dispatched", "disregarded", "expired"],
      report.byHour.map((h) => [h.hour, h.total, h.dispatched, h.disregarded, h.expired]),
    ),
    ...section(
      "Top false-alarm sites",
      ["site", "site_id", "disregarded", "answered", "disregard_share_pct"],
      report.falseSites.map((x) => [x.site, x.siteId, x.disregarded, x.answered, x.disregardShare]),
    ),
    ...section(
      "Top false-alarm cameras",
      ["camera", "device_id", "site", "site_id", "disregarded", "peak_hour_utc", "at_peak_hour"],
      report.falseCameras.map((c) => [c.camera, c.deviceId, c.site, c.siteId, c.disregarded, c.peakHour, c.atPeakHour]),
    ),
    ...section(
      "By outcome code",
      ["outcome", "answers_with", "answers", "all_steps_checked"],
      byOutcome.map((o) => [o.outcome, o.kind, o.answers, o.allStepsChecked]),
    ),
  ];
  return out.map((r) => (r.length ? csvRow(r.map(String)) : "\r\n")).join("");
}
