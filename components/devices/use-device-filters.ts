"use client";
// The device grid's two filters, set in its toolbar (device-grid-toolbar.tsx): the text, which the
// table applies over every searchable column (TanStack's global filter, device-grid.tsx), and the
// device type, applied here before the table sees the rows.
import { useMemo, useState } from "react";
import type { DeviceRowView } from "@/lib/bulk/site-devices-types";

export function useDeviceFilters(devices: DeviceRowView[]) {
  const [text, setText] = useState("");
  const [type, setType] = useState("");
  const ofType = useMemo(() => (type ? devices.filter((d) => d.device_type === type) : devices), [devices, type]);
  return { text, setText, type, setType, ofType };
}

export type DeviceFilters = ReturnType<typeof useDeviceFilters>;
