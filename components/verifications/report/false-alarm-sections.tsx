import { fieldColumn } from "@/components/ui";
import type { FalseCameraRow, FalseSiteRow } from "@/lib/verifications/report";
import { COLORS } from "./colors";
import { counts, DISREGARDED, NO_DISREGARDS } from "./columns";
import { hourLabel } from "./format";
import { rowBars, ReportSection } from "./section";

// The report's false-alarm rankings: where disregards come from, to point at a cause.

export function FalseCamerasSection({ rows }: { rows: FalseCameraRow[] }) {
  return (
    <ReportSection
      testId="report-false-cameras"
      title="Top false-alarm cameras"
      description={
        "Disregards per camera, and the hour most of them fall in: many in one hour points at one cause " +
        "(light, wind, a schedule)."
      }
      chart={{
        label: "Disregards by camera",
        ...rowBars(
          rows.map((c) => ({ ...c, name: `${c.camera} (${c.site})` })),
          36,
        ),
        xKey: "name",
        series: [DISREGARDED, { key: "atPeakHour", label: "In its peak hour", color: COLORS.expired }],
      }}
      table={{
        rows: rows,
        rowKey: (r) => `${r.siteId}:${r.deviceId}`,
        empty: NO_DISREGARDS,
        columns: [
          fieldColumn("camera", "Camera"),
          fieldColumn("site", "Site"),
          ...counts("disregarded"),
          { key: "h", header: "Peak hour (UTC)", cell: (r) => `${hourLabel(r.peakHour)} (${r.atPeakHour})` },
        ],
      }}
    />
  );
}

export function FalseSitesSection({ rows }: { rows: FalseSiteRow[] }) {
  return (
    <ReportSection
      testId="report-false-sites"
      title="Top false-alarm sites"
      description="Sites by disregarded alarms, with the share of their answers that were disregards."
      chart={{
        label: "Disregards by site",
        ...rowBars(rows, 36),
        xKey: "site",
        series: [DISREGARDED, { key: "answered", label: "Answered", color: COLORS.open }],
      }}
      table={{
        rows: rows,
        rowKey: (r) => String(r.siteId),
        empty: NO_DISREGARDS,
        columns: [
          fieldColumn("site", "Site"),
          ...counts("disregarded", "answered"),
          { key: "p", header: "Disregard share", cell: (r) => `${r.disregardShare}%` },
        ],
      }}
    />
  );
}
