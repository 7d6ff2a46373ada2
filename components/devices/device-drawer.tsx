"use client";
// The details of one device, opened from the grid's own-ID cell; the fields are device-details.tsx's.
import { X } from "lucide-react";
import { DetailField } from "@/components/ui";
import type { DeviceRowView } from "@/lib/bulk/site-devices-types";
import { deviceDetails } from "./device-details";

export function DeviceDrawer({ device, onClose }: { device: DeviceRowView; onClose: () => void }) {
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
          {deviceDetails(device).map(([k, v]) => (
            <DetailField key={k} label={k}>
              {v}
            </DetailField>
          ))}
        </dl>
      </aside>
    </div>
  );
}
