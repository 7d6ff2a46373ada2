import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { NoDealerState } from "@/components/shell/no-dealer";
import { ChektProblem } from "@/components/sites/chekt-problem";
import { formatInZone, text } from "@/components/sites/format";
import { StationDelete } from "@/components/stations/station-delete";
import { StationForm } from "@/components/stations/station-form";
import { Card, PageHeader } from "@/components/ui";
import { requireRole } from "@/lib/auth/require";
import { toId } from "@/lib/chekt/normalize";
import { getCurrentDealer } from "@/lib/dealer";
import { read, readSoft } from "@/lib/page-read";
import { scopeOf } from "@/lib/dealer-scope";
import { countSitesRoutingTo, getStation } from "@/lib/chekt/api/stations";
import { hasRole } from "@/lib/roles";
import { deleteStationAction, updateStationAction } from "../actions";

export const metadata: Metadata = { title: "Monitoring station" };

export default async function StationPage({ params }: { params: Promise<{ stationId: string }> }) {
  const user = await requireRole("viewer");
  const stationId = toId((await params).stationId);
  if (!stationId) notFound();
  const dealer = await getCurrentDealer();
  if (!dealer) return (<><PageHeader title="Monitoring station" /><NoDealerState /></>);
  const scope = scopeOf(dealer);
  const canEdit = hasRole(user.role, "operator");
  const [station, routed] = await Promise.all([read(getStation(scope, stationId)), readSoft(countSitesRoutingTo(scope, stationId))]);
  const crumbs = [{ label: "Monitoring stations", href: "/stations" }, { label: station.ok ? station.data.name : `Station ${stationId}` }];
  if (!station.ok) return (<><PageHeader title="Monitoring station" breadcrumbs={crumbs} /><ChektProblem error={station.error} /></>);
  const s = station.data;
  const routedCount = routed.ok ? routed.data : null;
  return (
    <>
      <PageHeader
        title={s.name}
        breadcrumbs={crumbs}
        description={
          <>
            CHeKT station #{s.monitoring_station_id} · created {formatInZone(s.created_at, "UTC")} ·{" "}
            {routedCount === null ? "site count unavailable" : (
              <Link className="text-indigo-700 hover:underline" href={`/sites?station=${s.monitoring_station_id}`} data-testid="station-routed">
                {routedCount} {routedCount === 1 ? "site routes" : "sites route"} alarms here
              </Link>
            )}
          </>
        }
        actions={canEdit ? <StationDelete station={{ id: s.monitoring_station_id, name: s.name }} routedSites={routedCount} action={deleteStationAction} /> : null}
      />
      {canEdit ? (
        <Card title="Edit station">
          <StationForm
            mode="update"
            stationId={stationId}
            initial={{ external_monitoring_station_id: s.external_monitoring_station_id ?? "", name: s.name ?? "", prefix: s.prefix ?? "", linecard: s.linecard ?? "" }}
            action={updateStationAction}
          />
        </Card>
      ) : (
        <Card title="Details">
          <dl className="grid gap-4 sm:grid-cols-2 text-sm">
            <div><dt className="text-xs uppercase text-slate-500">Station ID (yours)</dt><dd>{s.external_monitoring_station_id}</dd></div>
            <div><dt className="text-xs uppercase text-slate-500">Prefix</dt><dd>{text(s.prefix)}</dd></div>
            <div><dt className="text-xs uppercase text-slate-500">Linecard</dt><dd>{text(s.linecard)}</dd></div>
          </dl>
        </Card>
      )}
    </>
  );
}
