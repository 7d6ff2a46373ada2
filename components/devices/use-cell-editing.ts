"use client";
// In-place editing of one device grid cell: what is being typed, its check, and the save as a
// one-row bulk update (the paste's job path). The grid decides which cells may be edited.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { FIELD_LABELS, type DeviceField } from "@/lib/bulk/fields";
import { DEVICE_EDITABLE } from "@/lib/chekt/contract-lists";
import { validateDevice } from "@/lib/bulk/validate";
import type { DeviceRowView } from "@/lib/bulk/site-devices-types";
import { updateDevicesJob } from "@/actions/devices";

/** A grid column that can be edited in place: every pasted field but the external ID, an update job's key. */
export type EditableField = (typeof DEVICE_EDITABLE)[number];

export function isEditable(columnId: string): columnId is EditableField {
  return DEVICE_EDITABLE.some((f) => f === columnId);
}

export function textOf(d: DeviceRowView, field: DeviceField): string {
  return d[field] ?? "";
}

export type Editing = { id: number; field: EditableField; value: string; error?: string };

/** `onDone` runs after a save or a cancel (the grid puts focus back on its active cell). */
export function useCellEditing(siteId: number, devices: DeviceRowView[], onDone: () => void) {
  const router = useRouter();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [lastJob, setLastJob] = useState<string | null>(null);
  const update = useActionRunner(updateDevicesJob);

  function start(d: DeviceRowView, field: EditableField) {
    setEditing({ id: d.device_id, field, value: textOf(d, field) });
  }

  function cancel() {
    setEditing(null);
    requestAnimationFrame(onDone);
  }

  function type(value: string) {
    setEditing((e) => (e ? { ...e, value, error: undefined } : e));
  }

  async function save() {
    if (!editing) return;
    const device = devices.find((d) => d.device_id === editing.id);
    if (!device) return cancel();
    const values = { external_device_id: device.external_device_id, [editing.field]: editing.value };
    const { errors } = validateDevice(values, "update");
    if (errors[editing.field] || editing.value.trim() === "") {
      setEditing({
        ...editing,
        error: errors[editing.field] ?? `${FIELD_LABELS[editing.field]} cannot be emptied here`,
      });
      return;
    }
    const res = await update.run(
      { siteId, rows: [{ line: 1, values }], skipInvalid: false, fromSheet: false },
      `Update queued for ${device.name || device.external_device_id}`,
    );
    if (res.ok && res.data) {
      cancel();
      setLastJob(res.data.jobId);
      // The job usually lands within a second or two; show CHeKT's new value then.
      setTimeout(() => router.refresh(), 1500);
    }
  }

  return { editing, start, cancel, type, save, pending: update.pending, lastJob };
}

export type CellEditing = ReturnType<typeof useCellEditing>;
