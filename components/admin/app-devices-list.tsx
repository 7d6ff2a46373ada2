"use client";
import { useState } from "react";
import { CloudDownload } from "lucide-react";
import { Badge, Button, DataTable, EmptyState, UtcTime, type Column } from "@/components/ui";
import { NameCell } from "@/components/ui/name-cell";
import type { AppDevice } from "@/lib/settings/app-devices";
import type { Diagnosis } from "@/lib/settings/diagnose";
import { loadAppDevicesAction } from "@/actions/settings";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { BudgetWaitNotice, FormFailure } from "@/components/forms/form-failure";
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

/** What has been read so far: the devices, the cursor of the next page (null: none), when CHeKT answered. */
type Reading = { devices: AppDevice[]; cursor: string | null; readAt: string };

/**
 * Devices from GET /v1/devices, read only when the admin asks ("Read from CHeKT"): each read is a
 * call from the dealer's shared CHeKT budget, so a page view spends none. "Load more" follows
 * next_cursor until has_more is false; a failed read says why, with "Try again" for the same page. A read
 * the shared budget would hold long comes back unsent: the runner counts it down (the notice, with Cancel)
 * and sends it again, as the forms do.
 */
export function AppDevicesList({ dealerLinkId, limit }: { dealerLinkId: string; limit: number }) {
  const [reading, setReading] = useState<Reading | null>(null);
  const [problem, setProblem] = useState<Diagnosis | null>(null);
  // The page the last attempt asked for ("" = the first), so "Try again" repeats that one.
  const [attempt, setAttempt] = useState("");
  // Every outcome is shown on the page, so no toasts.
  const runner = useActionRunner(loadAppDevicesAction, { toasts: false });

  const read = async (cursor: string) => {
    setAttempt(cursor);
    setProblem(null);
    const { ok, data: page } = await runner.run({ dealerLinkId, cursor: cursor || undefined, limit }, null);
    if (!ok || !page) return;
    if (!page.ok) return setProblem(page.diagnosis);
    setReading((r) => ({
      devices: cursor && r ? [...r.devices, ...page.devices] : page.devices,
      cursor: page.hasMore ? page.nextCursor : null,
      readAt: page.readAt,
    }));
  };
  const failed = problem !== null || (runner.failure !== null && runner.failure.code !== "cancelled");

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <Button
          variant={reading ? "secondary" : "primary"}
          onClick={() => void read("")}
          pending={runner.pending && attempt === ""}
          disabled={runner.pending}
          pendingText="Reading…"
          icon={<CloudDownload className="h-4 w-4" aria-hidden="true" />}
        >
          {reading ? "Read again" : "Read from CHeKT"}
        </Button>
        <p className="text-sm text-slate-600" role="status" data-testid="app-devices-read-at">
          {reading ? (
            <>
              Read from CHeKT at <UtcTime at={reading.readAt} form="brief" />
            </>
          ) : (
            "Not read yet: each read is one call from this dealer's CHeKT budget."
          )}
        </p>
      </div>
      <BudgetWaitNotice secondsLeft={runner.budgetWait.secondsLeft} onCancel={runner.budgetWait.cancel} />
      {failed ? (
        <div className="space-y-2" data-testid="app-devices-problem">
          {problem ? <DiagnosisAlert diagnosis={problem} /> : <FormFailure failure={runner.failure} />}
          <Button variant="secondary" onClick={() => void read(attempt)} disabled={runner.pending}>
            Try again
          </Button>
        </div>
      ) : null}
      {reading ? (
        <ReadDevices reading={reading} onMore={(c) => void read(c)} busy={runner.pending} asked={attempt} />
      ) : null}
    </div>
  );
}

function ReadDevices({
  reading: { devices, cursor },
  onMore,
  busy,
  asked,
}: {
  reading: Reading;
  onMore: (cursor: string) => void;
  /** A read is under way; `asked` is the cursor it asked for. */
  busy: boolean;
  asked: string;
}) {
  if (devices.length === 0)
    return <EmptyState title="No devices" description="CHeKT lists no devices for this dealer's app." />;
  return (
    <>
      <DataTable columns={COLUMNS} rows={devices} caption="Devices of the dealer's CHeKT App" testId="app-devices" />
      <div className="flex flex-wrap items-center gap-3 text-sm text-slate-600">
        <span data-testid="device-count">
          {cursor ? "" : "All "}
          {countText(devices.length)} {plural(devices.length, "device")} shown
        </span>
        {cursor ? (
          <Button
            variant="secondary"
            onClick={() => onMore(cursor)}
            pending={busy && asked === cursor}
            disabled={busy}
            pendingText="Loading…"
          >
            Load more
          </Button>
        ) : null}
      </div>
    </>
  );
}
