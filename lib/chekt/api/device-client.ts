import "server-only";
import { env } from "@/lib/env";
import { chekt } from "./call";
import { deviceApi, type DeviceApi } from "./devices";

/** The app's device calls: the partner client with its per-call timeout. */
export function appDeviceApi(): DeviceApi {
  return deviceApi(chekt, env.CHEKT_REQUEST_TIMEOUT_MS);
}
