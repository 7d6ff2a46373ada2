// Client-safe shape of a device row on the grid (lib/bulk/site-devices.ts fills it on the server).
import type { ChektDevice } from "@/lib/chekt/api/devices";

export type DeviceRowView = ChektDevice & { status: string | null; firmware: string | null; statusAt: string | null };
