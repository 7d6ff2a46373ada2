import type { Metadata } from "next";
import Link from "next/link";
import { Plus, RadioTower } from "lucide-react";
import { NoDealerState } from "@/components/shell/no-dealer";
import { Freshness } from "@/components/mirror/freshness";
import { formatInZone, text } from "@/components/sites/format";
import { DataTable, EmptyState, PageHeader, buttonClasses } from "@/components/ui";
import { requirePageScope } from "@/lib/auth/require";
import { readStationDto } from "@/lib/mirror/dto";
import { findMirrorSync, listMirrorStations } from "@/lib/mirror/read";
import { freshnessFor, oldestSeen } from "@/lib/mirror/view";
import { hasRole } from "@/lib/roles";

export const metadata: Metadata = { title: "Monitoring stations" };

export default async function StationsPage() {
  const { user, dealer } = await requirePageScope("viewer");
  const canEdit = hasRole(user.role, "operator");
  const header = (
    <PageHeader
      title="Monitoring stations"
      description="The central stations this dealer's sites send alarms to."
      actions={canEdit && dealer ? <Link href="/stations/new" className={buttonClasses("primary")}><Plus className="h-4 w-4" aria-hidden="true" /> New station</Link> : null}
    />
  );
  if (!dealer) return (<>{header}<NoDealerState /></>);
  // The mirror, not CHeKT (docs/mirror.md). An empty list is as fresh as the last finished sweep.
  const [rows, sync] = await Promise.all([listMirrorStations(dealer.id), findMirrorSync(dealer.id)]);
  const stations = rows.flatMap((r) => {
    const dto = readStationDto(r.dto);
    return dto ? [dto] : [];
  });
  const seen = rows.length ? oldestSeen(rows) : sync?.finishedAt ? { confirmedAt: sync.finishedAt } : null;
  const fresh = freshnessFor(dealer.id, [{ kind: "stations" }], seen);
  return (
    <>
      {header}
      <Freshness {...fresh} className="mb-3" />
      <DataTable
          caption="Monitoring stations"
          rows={stations}
          rowKey={(s) => s.monitoring_station_id}
          empty={<EmptyState icon={<RadioTower className="h-8 w-8" />} title="No monitoring stations yet" description="Add the central station that receives this dealer's alarms." action={canEdit ? <Link href="/stations/new" className={buttonClasses("primary")}>New station</Link> : null} />}
          columns={[
            { key: "name", header: "Name", cell: (s) => <Link href={`/stations/${s.monitoring_station_id}`} className="font-medium text-indigo-700 hover:underline">{s.name}</Link> },
            { key: "ext", header: "Station ID (yours)", cell: (s) => s.external_monitoring_station_id },
            { key: "prefix", header: "Prefix", cell: (s) => text(s.prefix) },
            { key: "linecard", header: "Linecard", cell: (s) => text(s.linecard) },
            { key: "id", header: "CHeKT ID", cell: (s) => s.monitoring_station_id, className: "hidden md:table-cell" },
            { key: "created", header: "Created (UTC)", cell: (s) => formatInZone(s.created_at, "UTC"), className: "hidden lg:table-cell whitespace-nowrap" },
            ...(canEdit ? [{ key: "edit", header: <span className="sr-only">Actions</span>, cell: (s: (typeof stations)[number]) => <Link href={`/stations/${s.monitoring_station_id}`} className={buttonClasses("ghost", "sm")} aria-label={`Edit ${s.name}`}>Edit</Link>, className: "text-right" }] : []),
          ]}
        />
    </>
  );
}
