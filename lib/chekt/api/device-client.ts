import "server-only";
import { env } from "@/lib/env";
import { chekt } from "./call";
import { deviceApi, type DeviceApi } from "./devices";
import { siteImportApi, type SiteImportApi } from "./site-import";

/** The app's device calls: the partner client with its per-call timeout. */
export function appDeviceApi(): DeviceApi {
  return deviceApi(chekt, env.CHEKT_REQUEST_TIMEOUT_MS);
}

/** The app's site import calls (lib/chekt/api/site-import.ts): the same client and timeout. */
export function appSiteImportApi(): SiteImportApi {
  return siteImportApi(chekt, env.CHEKT_REQUEST_TIMEOUT_MS);
}
