"use client";
import { useState } from "react";
import { Badge, Button, DataTable, EmptyState, type Column } from "@/components/ui";
import { NameCell } from "@/components/ui/name-cell";
import type { AppDevice, AppDevicesPage } from "@/lib/settings/app-devices";
import { loadAppDevicesAction } from "@/actions/settings";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { DiagnosisAlert } from "./diagnosis-alert";
import { countText } from "@/lib/count-text";
import { plural } from "@/lib/plural";

const COLUMNS: Column<AppDevice>[] = [
  {
    key: "device",
    header: "Device",
    card: "title",
    cell: (d) => <NameCell name={d.name} detail={d.id} mono />,
  },
  { key: "type", header: "Type", cell: (d) => d.type },
  { key: "site", header: "Site", cell: (d) => <span className="font-mono text-xs">{d.site_id}</span> },
  {
    key: "status",
    header: "Status",
    cell: (d) => <Badge tone={d.status === "online" ? "success" : "danger"}>{d.status}</Badge>,
  },
  { key: "firmware", header: "Firmware", className: "text-slate-600", cell: (d) => d.firmware ?? "—" },
];

/** Devices from GET /v1/devices; "Load more" follows next_cursor until has_more is false. */
export function AppDevicesList({
  dealerLinkId,
  first,
  limit,
}: {
  dealerLinkId: string;
  first: Extract<AppDevicesPage, { ok: true }>;
  limit: number;
}) {
  const [devices, setDevices] = useState<AppDevice[]>(first.devices);
  const [cursor, setCursor] = useState<string | null>(first.hasMore ? first.nextCursor : null);
  const [problem, setProblem] = useState<Extract<AppDevicesPage, { ok: false }> | null>(null);
  // A refusal of ours is toasted by the runner; CHeKT's answer about the page is diagnosed below.
  const runner = useActionRunner(loadAppDevicesAction);

  const more = async () => {
    if (!cursor) return;
    const { ok, data: page } = await runner.run({ dealerLinkId, cursor, limit }, null);
    if (!ok || !page) return;
    if (!page.ok) return setProblem(page);
    setProblem(null);
    setDevices((d) => [...d, ...page.devices]);
    setCursor(page.hasMore ? page.nextCursor : null);
  };

  if (devices.length === 0)
    return <EmptyState title="No devices" description="CHeKT lists no devices for this dealer's app." />;
  return (
    <div className="space-y-4">
      <DataTable
        columns={COLUMNS}
        rows={devices}
        rowKey={(d) => d.id}
        caption="Devices of the dealer's CHeKT App"
        testId="app-devices"
      />
      {problem ? <DiagnosisAlert diagnosis={problem.diagnosis} /> : null}
      <div className="flex items-center gap-3 text-sm text-slate-600">
        <span data-testid="device-count">
          {cursor ? "" : "All "}
          {countText(devices.length)} {plural(devices.length, "device")} shown
        </span>
        {cursor ? (
          <Button variant="secondary" onClick={() => void more()} pending={runner.pending} pendingText="Loading…">
            Load more
          </Button>
        ) : null}
      </div>
    </div>
  );
}
