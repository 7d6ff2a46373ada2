"use client";
import { useState } from "react";
import { Badge, Button, EmptyState } from "@/components/ui";
import type { AppDevice, AppDevicesPage } from "@/lib/settings/app-devices";
import { loadAppDevicesAction } from "@/actions/settings";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { DiagnosisAlert } from "./diagnosis-alert";

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
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="app-devices">
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
            <tr>
              <th className="px-4 py-2.5">Device</th>
              <th className="px-4 py-2.5">Type</th>
              <th className="px-4 py-2.5">Site</th>
              <th className="px-4 py-2.5">Status</th>
              <th className="px-4 py-2.5">Firmware</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {devices.map((d) => (
              <tr key={d.id}>
                <td className="px-4 py-2">
                  <span className="font-medium text-slate-900">{d.name}</span>
                  <div className="font-mono text-xs text-slate-500">{d.id}</div>
                </td>
                <td className="px-4 py-2">{d.type}</td>
                <td className="px-4 py-2 font-mono text-xs">{d.site_id}</td>
                <td className="px-4 py-2">
                  <Badge tone={d.status === "online" ? "success" : "danger"}>{d.status}</Badge>
                </td>
                <td className="px-4 py-2 text-slate-600">{d.firmware ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {problem ? <DiagnosisAlert diagnosis={problem.diagnosis} /> : null}
      <div className="flex items-center gap-3 text-sm text-slate-600">
        <span data-testid="device-count">{devices.length} shown</span>
        {cursor ? (
          <Button variant="secondary" onClick={() => void more()} pending={runner.pending} pendingText="Loading…">
            Load more
          </Button>
        ) : (
          <span>That is all of them.</span>
        )}
      </div>
    </div>
  );
}
