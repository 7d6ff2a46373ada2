"use client";
// What the device drawer (device-drawer.tsx) lists about one device: each field's label and value.
import { UtcTime } from "@/components/ui";
import type { DeviceRowView } from "@/lib/bulk/site-devices-types";
import { yourIdLabel } from "@/lib/external-id";

export function deviceDetails(device: DeviceRowView): [string, React.ReactNode][] {
  return [
    ["CHeKT device ID", device.device_id],
    [
      yourIdLabel("device"),
      <span key="e" className="font-mono">
        {device.external_device_id}
      </span>,
    ],
    ["Type", device.device_type],
    ["Name", device.name],
    ["Zone", device.zone_number || "—"],
    ["Additional zones", device.additional_zone_numbers || "—"],
    [
      "MAC",
      <span key="m" className="font-mono">
        {device.mac || "—"}
      </span>,
    ],
    ["Manufacturer", device.manufacturer || "—"],
    ["Model", device.model || "—"],
    ["Serial number", device.serial_number || "—"],
    ["Registered by", device.registered_by_partner || "—"],
    ["Status", <DeviceStatus key="s" device={device} />],
    ["Firmware", device.firmware || "—"],
    ["Created", <UtcTime key="c" at={device.created_at} />],
    ["Updated", <UtcTime key="u" at={device.updated_at} />],
  ];
}

function DeviceStatus({ device }: { device: DeviceRowView }) {
  if (!device.status) return "unknown";
  return (
    <span>
      {device.status}
      {device.statusAt ? (
        <span className="block text-xs text-slate-600">
          since <UtcTime at={device.statusAt} />
        </span>
      ) : null}
    </span>
  );
}
