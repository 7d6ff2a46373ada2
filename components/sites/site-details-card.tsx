import { SiteDeviceStatus } from "@/components/fleet/site-device-status";
import { Freshness, type FreshnessProps } from "@/components/mirror/freshness";
import { formatInZone, text } from "@/components/sites/format";
import { Card, DetailField } from "@/components/ui";
import type { MirroredSiteDto } from "@/lib/mirror/dto";
import type { SitePageData } from "@/lib/mirror/site-page-read";
import { yourIdLabel } from "@/lib/external-id";

function StationName({
  station,
  stationId,
  externalId,
}: {
  station: SitePageData["station"];
  stationId: number;
  externalId: string | null | undefined;
}) {
  const ext = externalId ? ` · ${externalId}` : "";
  if (!station || station.goneAt) return `#${stationId}${ext}`;
  return (
    <>
      {station.name}{" "}
      <span className="text-slate-500">
        (#{stationId}
        {ext})
      </span>
    </>
  );
}

/** What CHeKT holds for the site, as the mirror last confirmed it, with the time it is there now. */
export function SiteDetailsCard({
  site: s,
  station,
  deviceCounts,
  fresh,
}: {
  site: MirroredSiteDto;
  station: SitePageData["station"];
  /** Undefined for a deleted site: its devices went with it in CHeKT. */
  deviceCounts: SitePageData["deviceCounts"] | undefined;
  fresh: FreshnessProps;
}) {
  const now = formatInZone(new Date().toISOString(), s.timezone);
  return (
    <Card title="Details" className="lg:col-span-2">
      <dl className="grid gap-4 sm:grid-cols-2">
        <DetailField label="Name">{s.name}</DetailField>
        <DetailField label={yourIdLabel("site")} testId="site-external-id">
          {s.external_site_id}
        </DetailField>
        <DetailField label="CHeKT site ID">{s.site_id}</DetailField>
        <DetailField label="Status" testId="site-status">
          {s.is_activated === 1 ? "Active — monitored" : "Inactive — not monitored"}
        </DetailField>
        <DetailField label="Time zone" testId="site-timezone">
          {s.timezone} <span className="text-slate-500">· now {now}</span>
        </DetailField>
        <DetailField label="Account number">{text(s.account_number)}</DetailField>
        <DetailField label="Monitoring station">
          {s.monitoring_station_id ? (
            <StationName
              station={station}
              stationId={s.monitoring_station_id}
              externalId={s.external_monitoring_station_id}
            />
          ) : (
            "None"
          )}
        </DetailField>
        <DetailField label="Physical bridge" testId="site-bridge">
          {s.has_physical_bridge === undefined
            ? "Not known yet (Refresh reads it)"
            : s.has_physical_bridge
              ? "Yes — a CHeKT bridge is installed"
              : "No bridge"}
        </DetailField>
        <DetailField label="Address">{text(s.address1)}</DetailField>
        <DetailField label="Address line 2">{text(s.address2)}</DetailField>
        <DetailField label="Created (site time)" testId="site-created">
          {formatInZone(s.created_at, s.timezone)}
        </DetailField>
        <DetailField label="Device status">
          <SiteDeviceStatus siteId={s.site_id} counts={deviceCounts} />
        </DetailField>
      </dl>
      <Freshness {...fresh} className="mt-4" />
    </Card>
  );
}
