"use client";
// The details of one device, opened from the grid's own-ID cell.
import { X } from "lucide-react";
import { DetailField, UtcTime } from "@/components/ui";
import type { DeviceRowView } from "@/lib/bulk/site-devices-types";

export function DeviceDrawer({ device, onClose }: { device: DeviceRowView; onClose: () => void }) {
  const rows: [string, React.ReactNode][] = [
    ["CHeKT device ID", device.device_id],
    [
      "Device ID (yours)",
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
    [
      "Status",
      device.status ? (
        <span key="s">
          {device.status}
          {device.statusAt ? (
            <span className="block text-xs text-slate-600">
              since <UtcTime at={device.statusAt} />
            </span>
          ) : null}
        </span>
      ) : (
        "unknown"
      ),
    ],
    ["Firmware", device.firmware || "—"],
    ["Created", <UtcTime key="c" at={device.created_at} />],
    ["Updated", <UtcTime key="u" at={device.updated_at} />],
  ];
  return (
    <div
      className="fixed inset-0 z-40 flex justify-end bg-slate-900/30"
      onClick={onClose}
      onKeyDown={(e) => e.key === "Escape" && onClose()}
      role="presentation"
    >
      <aside
        role="dialog"
        aria-modal="true"
        aria-label={`Device ${device.external_device_id}`}
        className="h-full w-full max-w-md overflow-y-auto bg-white p-6 shadow-xl"
        onClick={(e) => e.stopPropagation()}
      >
        <div className="mb-4 flex items-start justify-between">
          <h2 className="text-lg font-semibold text-slate-900">{device.name}</h2>
          <button
            type="button"
            autoFocus
            onClick={onClose}
            aria-label="Close details"
            className={
              "rounded p-1 text-slate-500 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 " +
              "focus-visible:ring-indigo-600"
            }
          >
            <X className="h-5 w-5" />
          </button>
        </div>
        <dl className="grid grid-cols-2 gap-x-4 gap-y-3">
          {rows.map(([k, v]) => (
            <DetailField key={k} label={k}>
              {v}
            </DetailField>
          ))}
        </dl>
      </aside>
    </div>
  );
}
