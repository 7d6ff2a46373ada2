"use client";
// Pasting devices: the paste pipeline (components/import/paste-pipeline.tsx) with the devices'
// columns (lib/bulk/mapping.ts), checks (lib/bulk/validate.ts) and job actions. Add or update is
// chosen before the paste; it changes the checks (update needs only the device's own ID) and the job.
// The page hands over this site's IDs only: the pasted ones are looked up at the dealer's other
// sites by the server (held-elsewhere-lookup.ts), and the send waits for that answer.
import { useMemo, useState } from "react";
import { useRouter } from "next/navigation";
import { PastePipeline, type PipelineKind, type PipelineText } from "@/components/import/paste-pipeline";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { DEVICE_FIELDS, DEVICE_TYPES, FIELD_LABELS, REQUIRED_ON_CREATE, type DeviceField } from "@/lib/bulk/fields";
import { DEVICE_COLUMNS, type RawRow } from "@/lib/bulk/mapping";
import { validateRows, type BulkMode, type IdHolder } from "@/lib/bulk/validate";
import { MAC_FORMATS } from "@/lib/bulk/mac";
import { createDevicesJob, updateDevicesJob } from "@/actions/devices";
import { countText } from "@/lib/count-text";
import { plural } from "@/lib/plural";
import { useHeldElsewhereLookup } from "./held-elsewhere-lookup";

const DEVICE_ID = FIELD_LABELS.external_device_id;
const EXAMPLE = `${DEVICE_ID}\tType\tName\tZone\tMAC\nfront-door\tcamera\tFront door\t1\tAA:BB:CC:00:00:01`;

type Props = {
  siteId: number;
  existingExternalIds: string[];
};

export function PasteDevices({ siteId, existingExternalIds }: Props) {
  const router = useRouter();
  const [mode, setMode] = useState<BulkMode>("create");
  const existing = useMemo(() => new Set(existingExternalIds), [existingExternalIds]);
  const lookup = useHeldElsewhereLookup(siteId, existing);
  const createRunner = useActionRunner(createDevicesJob);
  const updateRunner = useActionRunner(updateDevicesJob);
  const runner = mode === "create" ? createRunner : updateRunner;

  const kind = useMemo<PipelineKind<DeviceField, IdHolder>>(
    () => ({
      spec: DEVICE_COLUMNS,
      labels: FIELD_LABELS,
      pickers: { device_type: DEVICE_TYPES },
      required: mode === "create" ? REQUIRED_ON_CREATE : ["external_device_id"],
      noun: { one: "device", many: "devices" },
      sentVerb: "sent",
      shownFields: (mapped) => (mapped.length ? mapped : [...DEVICE_FIELDS]),
      check: (rows, usedElsewhere) => validateRows(rows, { mode, existingExternalIds: existing, usedElsewhere }),
      lookup,
    }),
    [mode, existing, lookup],
  );

  const text: PipelineText = {
    steps: ["Paste", "Match columns", "Review and send"],
    pasteTitle: "Paste your device list",
    pasteDescription:
      "Copy rows from Excel, Google Sheets or an NVR export (tab- or comma-separated), with or without a header row.",
    pasteLabel: "Device list",
    pasteRows: 12,
    placeholder: EXAMPLE,
    pasteHint:
      `Required per device: ${DEVICE_ID}, type (camera or bridge) and name. ` + `MACs may be written ${MAC_FORMATS}.`,
    reviewTitle: "Review and send",
    reviewDescription:
      (mode === "create"
        ? "Fix any row marked in red, right here in the grid. "
        : `Each row updates the device with that ${DEVICE_ID}; empty cells keep their value. `) +
      "Rows are numbered by their sheet line (the line in your spreadsheet, header included), as on the job page.",
    gridLabel: "Pasted devices",
    sendLabel: (n) => `${mode === "create" ? "Provision" : "Update"} ${countText(n)} ${plural(n, "device")}`,
    sendingLabel: "Starting…",
  };

  async function send(rows: RawRow[], skipInvalid: boolean) {
    const res = await runner.run(
      { siteId, rows, skipInvalid },
      mode === "create" ? "Provisioning started" : "Update started",
    );
    if (res.ok && res.data) router.push(`/sites/${siteId}/devices/jobs/${res.data.jobId}`);
  }

  return (
    <PastePipeline
      kind={kind}
      text={text}
      before={
        <fieldset className="mb-4 flex flex-wrap gap-x-4 gap-y-2 text-sm">
          <legend className="sr-only">What the rows do</legend>
          <label className="flex min-h-6 items-center gap-2">
            <input type="radio" name="mode" checked={mode === "create"} onChange={() => setMode("create")} /> Add new
            devices
          </label>
          <label className="flex min-h-6 items-center gap-2">
            <input type="radio" name="mode" checked={mode === "update"} onChange={() => setMode("update")} /> Update
            existing devices, matched by {DEVICE_ID}
          </label>
        </fieldset>
      }
      send={send}
      pending={runner.pending}
      failure={runner.failure?.message ?? null}
    />
  );
}
