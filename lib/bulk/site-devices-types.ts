// Client-safe shape of a device row on the grid (lib/mirror/devices.ts fills it on the server from
// the mirror: CHeKT's last answer plus the newest status any device.* webhook reported).
import type { ChektDevice } from "@/lib/chekt/api/devices";

export type DeviceRowView = ChektDevice & {
  status: string | null;
  firmware: string | null;
  statusAt: string | null;
  /** Newest time a webhook said the device was online or reported its firmware. */
  lastSeenAt?: string | null;
  /** A sweep found CHeKT's copy differs from what this console last wrote. */
  changedInChekt?: boolean;
};
