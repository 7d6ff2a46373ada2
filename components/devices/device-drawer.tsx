"use client";
// The details of one device, opened from the grid's own-ID cell; the fields are device-details.tsx's.
// A Dialog at the screen's right edge: the grid behind is inert, Tab stays inside, Esc or the backdrop
// closes it, and the focus goes back to the cell that opened it.
import { DetailField, Dialog } from "@/components/ui";
import type { DeviceRowView } from "@/lib/bulk/site-devices-types";
import { deviceDetails } from "./device-details";

export function DeviceDrawer({ device, onClose }: { device: DeviceRowView; onClose: () => void }) {
  return (
    <Dialog
      open
      placement="side"
      onClose={onClose}
      title={`Device ${device.external_device_id}`}
      description={device.name}
    >
      <dl className="grid grid-cols-2 gap-x-4 gap-y-3">
        {deviceDetails(device).map(([k, v]) => (
          <DetailField key={k} label={k}>
            {v}
          </DetailField>
        ))}
      </dl>
    </Dialog>
  );
}
