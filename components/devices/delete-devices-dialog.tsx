"use client";
// The bulk delete's confirmation: names the devices (first 20, then "and N more"), then starts
// the delete job and goes to its page.
import { useRouter } from "next/navigation";
import { ConfirmDialog } from "@/components/ui";
import { useActionRunner } from "@/components/forms/use-action-runner";
import type { DeviceRowView } from "@/lib/bulk/site-devices-types";
import { deleteDevicesJob } from "@/actions/devices";
import { namesList } from "./names-list";
import { plural } from "@/lib/plural";

type Props = { siteId: number; devices: DeviceRowView[]; open: boolean; onClose: () => void; onDeleted: () => void };

export function DeleteDevicesDialog({ siteId, devices, open, onClose, onDeleted }: Props) {
  const router = useRouter();
  const remove = useActionRunner(deleteDevicesJob);
  const count = devices.length;
  const names = namesList(devices.map((d) => (d.name ? `${d.name} (${d.external_device_id})` : d.external_device_id)));

  async function confirm() {
    const ids = devices.map((d) => d.device_id);
    const res = await remove.run({ siteId, deviceIds: ids }, `Deleting ${ids.length} ${plural(ids.length, "device")}`);
    if (res.ok && res.data) {
      onDeleted();
      router.push(`/sites/${siteId}/devices/jobs/${res.data.jobId}`);
    }
  }

  return (
    <ConfirmDialog
      open={open}
      onClose={onClose}
      onConfirm={confirm}
      destructive
      pending={remove.pending}
      title={`Delete ${count} ${plural(count, "device")}?`}
      description={
        `These ${count === 1 ? "device" : `${count} devices`} will be removed from this site in CHeKT. This ` +
        "cannot be undone."
      }
      confirmLabel={`Delete ${count}`}
    >
      <ul
        className="max-h-64 list-disc space-y-0.5 overflow-y-auto pl-5 text-sm text-slate-800"
        data-testid="delete-names"
      >
        {names.shown.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
      {names.more ? <p className="mt-1 text-sm text-slate-600">and {names.more} more</p> : null}
    </ConfirmDialog>
  );
}
