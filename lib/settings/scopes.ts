// What each CHeKT App scope unlocks, and which read call proves the key holds it. The connection
// check probes these paths; a 403 permission_denied on one of them means the scope is missing.
import type { AppScope } from "@/lib/chekt/contract-lists";

export type ScopeProbe = { scope: AppScope; method: "GET"; path: string; label: string };

/**
 * Read-only probes, one or more per readable scope. snapshots:read has no list endpoint, so an
 * unknown snapshot id is asked for: 404 proves the scope (the key got past the scope check),
 * 403 proves it is missing. Write scopes are never probed: probing them would change CHeKT.
 */
export const SCOPE_PROBES: readonly ScopeProbe[] = [
  { scope: "devices:read", method: "GET", path: "/v1/devices?limit=1", label: "GET /v1/devices" },
  { scope: "events:read", method: "GET", path: "/v1/alarms?limit=1", label: "GET /v1/alarms" },
  { scope: "events:read", method: "GET", path: "/v1/events?limit=1", label: "GET /v1/events" },
  { scope: "sites:read", method: "GET", path: "/v1/sites?limit=1", label: "GET /v1/sites" },
  { scope: "snapshots:read", method: "GET", path: "/v1/snapshots/snap_0", label: "GET /v1/snapshots/{id}" },
];

export const PROBED_SCOPES: readonly AppScope[] = [...new Set(SCOPE_PROBES.map((p) => p.scope))];

export type Feature = { feature: string; where: string; scopes: AppScope[]; why: string };

/** Features of this console that go through the CHeKT App key or its webhooks. */
export const FEATURE_SCOPES: readonly Feature[] = [
  {
    feature: "CHeKT Apps device list",
    where: "/settings/app-devices",
    scopes: ["devices:read"],
    why: "lists devices through GET /v1/devices",
  },
  {
    feature: "Device online/offline status",
    where: "Site devices grid",
    scopes: ["devices:read"],
    why: "device.online / device.offline events only fire with this scope",
  },
  {
    feature: "Live verification queue",
    where: "/verifications",
    scopes: ["events:read"],
    why: "alarm.created and verification.requested events, and catch-up from GET /v1/alarms and /v1/events",
  },
  {
    feature: "Alarm snapshots",
    where: "/verifications",
    scopes: ["snapshots:read"],
    why: "snapshot.created events and GET /v1/snapshots/{id}",
  },
  { feature: "Site names in the queue", where: "/verifications", scopes: ["sites:read"], why: "GET /v1/sites" },
];

/** Partner-API features run on the client credentials, not the App key: no scope applies. */
export const PARTNER_FEATURES = [
  "Dealer profile, sites, monitoring stations, contacts, devices, arming",
  "Dispatch / disregard of verifications",
  "Drift check",
];
