import type { Metadata } from "next";
import Link from "next/link";
import { Freshness } from "@/components/mirror/freshness";
import { dealerObjectPage, mirroredOr404 } from "@/components/page/dealer-page";
import { text } from "@/components/sites/format";
import { StationDelete } from "@/components/stations/station-delete";
import { StationForm } from "@/components/stations/station-form";
import { Alert, Card, DetailField, PageHeader, UtcTime, textLinkClass } from "@/components/ui";
import { readStationDto } from "@/lib/mirror/dto";
import { countSitesRoutingTo, findMirrorStation } from "@/lib/mirror/read";
import { hasRole } from "@/lib/roles";
import { plural } from "@/lib/plural";

export const metadata = { title: "Monitoring station" } satisfies Metadata;

export default async function StationPage({ params }: { params: Promise<{ stationId: string }> }) {
  return dealerObjectPage("viewer", metadata.title, (await params).stationId, async (scope, stationId) => {
    const canEdit = hasRole(scope.user.role, "operator");
    // The mirror only (no CHeKT call); not in this dealer's mirror → 404. The routed-site count is
    // the mirror's too: the delete itself is checked by CHeKT.
    const [found, routedCount] = await Promise.all([
      findMirrorStation(scope.dealer.id, stationId),
      countSitesRoutingTo(scope.dealer.id, stationId),
    ]);
    const { row, dto: s, fresh } = await mirroredOr404(scope, "station", stationId, found, readStationDto);
    const gone = row.goneAt !== null;
    const crumbs = [{ label: "Monitoring stations", href: "/stations" }, { label: s.name }];
    return (
      <>
        <PageHeader
          title={s.name}
          breadcrumbs={crumbs}
          description={
            <>
              CHeKT station #{s.monitoring_station_id} · created <UtcTime at={s.created_at} /> ·{" "}
              {/* Counted in the mirror; underlined: a link inside text is not told apart by colour alone. */}
              <Link
                className={textLinkClass}
                href={`/sites?station=${s.monitoring_station_id}`}
                data-testid="station-routed"
              >
                {routedCount} {plural(routedCount, "site routes", "sites route")} alarms here
              </Link>
            </>
          }
          actions={
            canEdit && !gone ? (
              <StationDelete station={{ id: s.monitoring_station_id, name: s.name }} routedSites={routedCount} />
            ) : null
          }
        />
        <Freshness {...fresh} className="mb-4" />
        {gone ? (
          <Alert tone="warning" title="This station was deleted in CHeKT">
            Sites that routed alarms here need another station.
          </Alert>
        ) : canEdit ? (
          <Card title="Edit station">
            <StationForm
              mode="update"
              stationId={stationId}
              initial={{
                external_monitoring_station_id: s.external_monitoring_station_id ?? "",
                name: s.name ?? "",
                prefix: s.prefix ?? "",
                linecard: s.linecard ?? "",
              }}
            />
          </Card>
        ) : (
          <Card title="Details">
            <dl className="grid gap-4 sm:grid-cols-2">
              <DetailField label="Station ID (yours)">{s.external_monitoring_station_id}</DetailField>
              <DetailField label="Prefix">{text(s.prefix)}</DetailField>
              <DetailField label="Linecard">{text(s.linecard)}</DetailField>
            </dl>
          </Card>
        )}
      </>
    );
  });
}
