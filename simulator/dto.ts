// What the simulator answers, typed by the document's schemas (lib/chekt/schema.d.ts): a DTO that drifts
// from lib/chekt/openapi.yaml fails `tsc` here, before the response validator would catch it at run time.
import { keysOf } from "../lib/keys-of";
import { loadContract } from "./contract";
import type { SchemaName, Schemas } from "./handlers";
import type { Alarm, App, Contact, Dealer, Device, Site, Snapshot, Station, Store, Verification } from "./store";

/**
 * `2025-01-01 00:00:00`: the format the Partner API uses for sites (lib/chekt/openapi.yaml); everything else is
 * ISO-8601.
 */
export function sqlDate(iso: string): string {
  return iso.slice(0, 19).replace("T", " ");
}

/**
 * The row as the document's schema `name` shows it: that schema's columns, in the document's order (the
 * answer's key order is the list's column order). A store row that lacks one of them does not compile.
 */
function rowOf<N extends SchemaName>(name: N, row: Schemas[N] & object): Schemas[N] {
  const out: Partial<Schemas[N]> = {};
  for (const column of loadContract().columns(name).all) {
    const key = keysOf(row).find((k) => k === column);
    if (key !== undefined) out[key] = row[key];
  }
  return out as Schemas[N];
}

export function dealerDto(d: Dealer, partnerId: number | null): Schemas["ResponseDealerDto"] {
  const ext = partnerId !== null ? (d.links[partnerId] ?? null) : null;
  return {
    dealer_id: d.dealer_id,
    external_dealer_id: ext,
    company_name: d.company_name,
    company_address1: d.company_address1,
    company_address2: d.company_address2,
    company_email: d.company_email,
    company_phone_number: d.company_phone_number,
    is_connected: ext !== null,
    created_at: d.created_at,
  };
}

export function siteBasicDto(s: Site, store: Store): Schemas["ResponseSiteBasicDto"] {
  const station = s.monitoring_station_id !== null ? store.stations.get(s.monitoring_station_id) : undefined;
  return {
    site_id: s.site_id,
    external_site_id: s.external_site_id,
    name: s.name,
    monitoring_station_id: s.monitoring_station_id,
    external_monitoring_station_id: station?.external_monitoring_station_id ?? null,
    account_number: s.account_number,
    address1: s.address1,
    address2: s.address2,
    timezone: s.timezone,
    is_activated: s.is_activated,
    created_at: sqlDate(s.created_at),
  };
}

export function siteDto(s: Site, store: Store): Schemas["ResponseSiteDto"] {
  const hasBridge = store.devices.under(s.site_id).some((d) => d.device_type === "bridge");
  return { ...siteBasicDto(s, store), has_physical_bridge: hasBridge };
}

export function stationDto(s: Station): Schemas["ResponseMonitoringStationDto"] {
  return rowOf("ResponseMonitoringStationDto", s);
}

export function contactDto(c: Contact): Schemas["ResponseContactDto"] {
  return rowOf("ResponseContactDto", c);
}

export function deviceDto(d: Device): Schemas["ResponseDeviceDto"] {
  return rowOf("ResponseDeviceDto", d);
}

export function armingDto(s: Site): Schemas["ResponseArmingSettingDto"] {
  return { site_id: s.site_id, security_type: s.security_type, updated_at: s.arming_updated_at };
}

export function verificationAnswerDto(v: Verification): Schemas["ResponseAlarmVerificationDto"] {
  return {
    id: v.id,
    verification_id: v.verification_id,
    contact_id: v.answer!.contact_id,
    action: v.answer!.action,
    responded_at: v.answer!.responded_at,
  };
}

// ---- /v1 shapes: prefixed string ids
export const pfx = {
  site: (id: number) => `site_${id}`,
  device: (id: number) => `dev_${id}`,
  alarm: (id: number) => `alm_${id}`,
  snapshot: (id: number) => `snap_${id}`,
  contact: (id: number) => `contact_${id}`,
};

export function parsePrefixed(id: string, prefix: string): number | null {
  if (!id.startsWith(prefix)) return null;
  const n = Number(id.slice(prefix.length));
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

export function v1Device(d: Device): Schemas["V1Device"] {
  return {
    id: pfx.device(d.device_id),
    type: d.device_type,
    name: d.name,
    site_id: pfx.site(d.site_id),
    status: d.status,
    firmware: d.firmware,
  };
}

export function v1Site(s: Site): Schemas["V1Site"] {
  return {
    id: pfx.site(s.site_id),
    name: s.name,
    timezone: s.timezone,
    is_activated: s.is_activated === 1,
    external_site_id: s.external_site_id,
    created_at: s.created_at,
  };
}

export function v1Alarm(a: Alarm, snapshotUrl: (s: Snapshot) => string, store: Store): Schemas["V1Alarm"] {
  const snap = a.snapshot_id !== null ? store.snapshots.get(a.snapshot_id) : undefined;
  return {
    id: pfx.alarm(a.id),
    site_id: pfx.site(a.site_id),
    device_id: a.device_id !== null ? pfx.device(a.device_id) : null,
    priority: a.priority,
    trigger: a.trigger,
    location: a.location,
    status: a.status,
    snapshot_url: snap ? snapshotUrl(snap) : null,
    snapshot_id: snap ? pfx.snapshot(snap.id) : null,
    verification_id: a.verification_id,
    created_at: a.created_at,
    updated_at: a.updated_at,
  };
}

export function v1Snapshot(s: Snapshot, url: string): Schemas["V1Snapshot"] {
  return {
    id: pfx.snapshot(s.id),
    alarm_id: s.alarm_id !== null ? pfx.alarm(s.alarm_id) : null,
    site_id: pfx.site(s.site_id),
    device_id: s.device_id !== null ? pfx.device(s.device_id) : null,
    url,
    content_type: "image/png",
    captured_at: s.captured_at,
  };
}

/** What the control API shows of an app; secrets only when just created or rotated. */
export function appView(a: App, reveal: { apiKey?: string; signingSecret?: boolean } = {}) {
  return {
    id: a.id,
    dealer_id: a.dealer_id,
    name: a.name,
    scopes: a.scopes,
    events: a.events,
    webhook_url: a.webhook_url,
    keys: a.keys.map((k) => ({
      key_prefix: `${k.key.slice(0, 16)}…`,
      created_at: k.created_at,
      expires_at: k.expires_at,
    })),
    ...(reveal.apiKey ? { api_key: reveal.apiKey } : {}),
    ...(reveal.signingSecret ? { signing_secret: a.signing_secret } : {}),
    created_at: a.created_at,
  };
}
