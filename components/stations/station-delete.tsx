"use client";
import { Alert } from "@/components/ui";
import { DeleteAction } from "@/components/forms/delete-action";
import { useGoTo } from "@/components/forms/use-go-to";
import { deleteStationAction } from "@/actions/stations";
import { plural } from "@/lib/plural";

/** Delete a station; when sites still route alarms to it, say how many and ask for its name. */
export function StationDelete({
  station,
  routedSites,
}: {
  station: { id: number; name: string };
  routedSites: number | null;
}) {
  const goTo = useGoTo();
  const risky = routedSites === null || routedSites > 0;
  return (
    <DeleteAction
      action={deleteStationAction}
      input={{ monitoring_station_id: station.id }}
      name={station.name}
      noun="station"
      description="The monitoring station is deleted in CHeKT. This cannot be undone."
      typeToConfirm={risky ? station.name : undefined}
      successMessage={`Station “${station.name}” deleted`}
      onDone={() => goTo("/stations")}
    >
      {routedSites === null ? (
        <Alert tone="warning" title="Could not check which sites use it">
          CHeKT did not say how many sites route alarms here. Check before deleting.
        </Alert>
      ) : routedSites > 0 ? (
        <Alert
          tone="warning"
          title={`${routedSites} ${plural(routedSites, "site still routes", "sites still route")} alarms here`}
        >
          After the delete {plural(routedSites, "that site has", "those sites have")} no monitoring station, so{" "}
          {plural(routedSites, "its", "their")} alarms reach nobody until you pick another one.
        </Alert>
      ) : (
        <p className="text-sm text-slate-600">No site routes alarms to this station.</p>
      )}
    </DeleteAction>
  );
}
