import { randomBytes } from "node:crypto";
import type { Schemas } from "./handlers";

/** Everything the simulated CHeKT knows. Plain data (JSON-serialisable) plus id indexes. */

export interface Partner {
  id: number;
  name: string;
  client_id: string;
  client_secret: string | null;
  /** PEM (SPKI) public key for RS256 client assertions. */
  public_key_pem: string | null;
  /** Allowed redirect URIs for the authorization-code flow; empty = any http(s) URI. */
  redirect_uris: string[];
  created_at: string;
}

export interface Dealer {
  dealer_id: number;
  company_name: string;
  company_address1: string | null;
  company_address2: string | null;
  company_email: string | null;
  company_phone_number: string | null;
  created_at: string;
  /** partner id → external_dealer_id of that partner's connection. */
  links: Record<string, string>;
}

export interface DealerUser {
  email: string;
  password: string;
  dealer_id: number;
  role: "admin" | "staff";
  name: string;
}

export interface Station {
  monitoring_station_id: number;
  dealer_id: number;
  external_monitoring_station_id: string;
  name: string;
  prefix: string | null;
  linecard: string | null;
  created_at: string;
}

export interface Site {
  site_id: number;
  dealer_id: number;
  external_site_id: string;
  name: string;
  monitoring_station_id: number | null;
  account_number: string | null;
  address1: string | null;
  address2: string | null;
  timezone: string;
  is_activated: 0 | 1;
  security_type: 1 | 2 | 3 | 4;
  arming_updated_at: string;
  created_at: string;
}

/** The contract's contact with every field held (the store always knows its site and nulls). */
export type Contact = Required<Schemas["ResponseContactDto"]>;

export interface Device {
  device_id: number;
  site_id: number;
  external_device_id: string;
  device_type: Schemas["DeviceType"];
  name: string;
  zone_number: string | null;
  additional_zone_numbers: string | null;
  mac: string | null;
  manufacturer: string | null;
  model: string | null;
  serial_number: string | null;
  registered_by_partner: string | null;
  status: NonNullable<Schemas["ResponseDeviceDto"]["status"]>;
  firmware: string | null;
  created_at: string;
  updated_at: string;
}

export interface ApiKey {
  key: string;
  created_at: string;
  /** Set when rotated out (grace end) or revoked (now). */
  expires_at: string | null;
}

export interface App {
  id: string;
  dealer_id: number;
  name: string;
  scopes: string[];
  events: string[];
  webhook_url: string | null;
  signing_secret: string;
  keys: ApiKey[];
  created_at: string;
}

export interface Alarm {
  id: number;
  dealer_id: number;
  site_id: number;
  device_id: number | null;
  priority: Schemas["AlarmPriority"];
  trigger: Schemas["AlarmTrigger"];
  location: string | null;
  status: Schemas["V1Alarm"]["status"];
  snapshot_id: number | null;
  verification_id: string | null;
  created_at: string;
  updated_at: string;
  /** POST /v1/alarms/{id}/annotate and /escalate, oldest first: the alarm's own history of them. */
  annotations?: AlarmAnnotation[];
  escalations?: AlarmEscalation[];
}

/** An alarm's annotations and escalations as the API returns them, less the alarm id they are kept under. */
export type AlarmAnnotation = Omit<Schemas["V1AlarmAnnotation"], "alarm_id">;
export type AlarmEscalation = Omit<Schemas["V1AlarmEscalation"], "alarm_id">;

export interface Verification {
  id: number;
  verification_id: string;
  dealer_id: number;
  alarm_id: number;
  site_id: number;
  device_id: number | null;
  contact_id: number | null;
  zone_number: string | null;
  description: string;
  occurred_at: string;
  expires_at: string;
  answer: { contact_id: number; action: "dispatch" | "disregard"; responded_at: string } | null;
}

export interface Snapshot {
  id: number;
  dealer_id: number;
  alarm_id: number | null;
  site_id: number;
  device_id: number | null;
  captured_at: string;
}

/** An event as the document defines it (WebhookEvent), plus where it belongs. */
export type SimEvent = Schemas["WebhookEvent"] & { seq: number; dealer_id: number };

export interface DeliveryAttempt {
  attempt: number;
  at: string;
  status: number | null;
  error: string | null;
  duration_ms: number;
}

export interface Delivery {
  id: string;
  event_id: string;
  event_type: string;
  app_id: string;
  url: string;
  state: "pending" | "succeeded" | "failed";
  attempts: DeliveryAttempt[];
  next_attempt_at: string | null;
  created_at: string;
}

export interface Token {
  token: string;
  kind: "partner" | "user";
  partner_id: number;
  dealer_id: number | null;
  user_email: string | null;
  expires_at: number;
}

export interface AuthCode {
  code: string;
  partner_id: number;
  redirect_uri: string;
  code_challenge: string;
  dealer_id: number;
  user_email: string;
  expires_at: number;
}

export interface IdempotencyEntry {
  hash: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  at: number;
}

type Counters = Record<
  | "partner"
  | "dealer"
  | "station"
  | "site"
  | "contact"
  | "device"
  | "app"
  | "alarm"
  | "verification"
  | "snapshot"
  | "event"
  | "delivery",
  number
>;

/** Index from a parent id to the set of child ids, kept in insertion (= id) order. */
class Children {
  private readonly map = new Map<number, Set<number>>();
  add(parent: number, child: number) {
    let s = this.map.get(parent);
    if (!s) this.map.set(parent, (s = new Set()));
    s.add(child);
  }
  remove(parent: number, child: number) {
    this.map.get(parent)?.delete(child);
  }
  of(parent: number): number[] {
    return [...(this.map.get(parent) ?? [])];
  }
  count(parent: number): number {
    return this.map.get(parent)?.size ?? 0;
  }
  clear() {
    this.map.clear();
  }
}

/**
 * External id → id, unique within a scope (a dealer; a site for contacts; a partner for dealers).
 * The scope is undefined for a device whose site is already gone, as the key "undefined:…" always was.
 */
export class ExternalIds {
  private readonly map = new Map<string, number>();
  get(scope: number | undefined, external: string): number | undefined {
    return this.map.get(`${scope}:${external}`);
  }
  has(scope: number | undefined, external: string): boolean {
    return this.map.has(`${scope}:${external}`);
  }
  set(scope: number | undefined, external: string, id: number) {
    this.map.set(`${scope}:${external}`, id);
  }
  delete(scope: number | undefined, external: string) {
    this.map.delete(`${scope}:${external}`);
  }
  /** An object's external id changes: the old one is free again. */
  rename(scope: number | undefined, from: string, to: string, id: number) {
    this.delete(scope, from);
    this.set(scope, to, id);
  }
}

/** A row nested under a parent, with its own id, its parent's id and an external id named for its own. */
type NestedRow<Id extends string, Parent extends string> = Record<Id | Parent, number> &
  Record<`external_${Id}`, string>;

/**
 * A kind the Partner API nests under a parent (stations and sites under a dealer, contacts and devices under a
 * site): its rows by id, plus the ids under each parent and the ids by external id within a scope (the parent,
 * unless `scopeOf` says otherwise). Rows come and go through `add` and `remove` so the indexes stay right.
 */
export class Nested<T extends NestedRow<Id, Parent>, Id extends string, Parent extends string> extends Map<number, T> {
  readonly byParent = new Children();
  readonly byExternal = new ExternalIds();
  private readonly externalKey: `external_${Id}`;

  constructor(
    private readonly idKey: Id,
    private readonly parentKey: Parent,
    private readonly scopeOf: (row: T) => number | undefined = (row) => row[parentKey],
  ) {
    super();
    this.externalKey = `external_${idKey}`;
  }

  /** The row seen as holding its external id (its type guarantees it), to read and write that field. */
  private named(row: T): Record<`external_${Id}`, string> {
    return row;
  }
  /** The rows under a parent, oldest first. */
  under(parent: number): T[] {
    return this.byParent.of(parent).map((id) => this.get(id)!);
  }
  add(row: T) {
    const id = row[this.idKey];
    this.set(id, row);
    this.byParent.add(row[this.parentKey], id);
    this.byExternal.set(this.scopeOf(row), this.named(row)[this.externalKey], id);
  }
  /** The row's external id changes: the old one is free again. */
  setExternal(row: T, to: string) {
    this.byExternal.rename(this.scopeOf(row), this.named(row)[this.externalKey], to, row[this.idKey]);
    this.named(row)[this.externalKey] = to;
  }
  remove(row: T) {
    const id = row[this.idKey];
    this.byExternal.delete(this.scopeOf(row), this.named(row)[this.externalKey]);
    this.delete(id);
    this.byParent.remove(row[this.parentKey], id);
  }
}

export class Store {
  partners = new Map<number, Partner>();
  partnersByClientId = new Map<string, number>();
  dealers = new Map<number, Dealer>();
  users = new Map<string, DealerUser>();
  stations = new Nested<Station, "monitoring_station_id", "dealer_id">("monitoring_station_id", "dealer_id");
  sites = new Nested<Site, "site_id", "dealer_id">("site_id", "dealer_id");
  contacts = new Nested<Contact, "contact_id", "site_id">("contact_id", "site_id");
  /** A device's external id is unique within its site's dealer (undefined once the site is gone). */
  devices = new Nested<Device, "device_id", "site_id">("device_id", "site_id", (d) => this.dealerOfSite(d.site_id));
  apps = new Map<string, App>();
  appByKey = new Map<string, string>();
  alarms = new Map<number, Alarm>();
  verifications = new Map<string, Verification>();
  snapshots = new Map<number, Snapshot>();
  events = new Map<string, SimEvent>();
  deliveries = new Map<string, Delivery>();
  tokens = new Map<string, Token>();
  codes = new Map<string, AuthCode>();
  idempotency = new Map<string, IdempotencyEntry>();

  snapshotsByDevice = new Children();
  alarmsByDealer = new Children();
  /** Event seqs per dealer, ascending (the /v1/events order). */
  eventsByDealer = new Map<number, string[]>();
  /** external_dealer_id → dealer id within a partner. */
  dealerByExternal = new ExternalIds();

  counters: Counters = {
    partner: 0,
    dealer: 0,
    station: 0,
    site: 0,
    contact: 0,
    device: 0,
    app: 0,
    alarm: 0,
    verification: 0,
    snapshot: 0,
    event: 0,
    delivery: 0,
  };
  /** Signs snapshot URLs. */
  urlSecret = randomBytes(32).toString("hex");

  next(kind: keyof Counters): number {
    return ++this.counters[kind];
  }

  // ---- mutations that keep indexes right
  addPartner(p: Partner) {
    this.partners.set(p.id, p);
    this.partnersByClientId.set(p.client_id, p.id);
  }
  addDealer(d: Dealer) {
    this.dealers.set(d.dealer_id, d);
    for (const [pid, ext] of Object.entries(d.links)) this.dealerByExternal.set(Number(pid), ext, d.dealer_id);
  }
  linkDealer(d: Dealer, partnerId: number, external: string) {
    const old = d.links[partnerId];
    if (old !== undefined) this.dealerByExternal.delete(partnerId, old);
    d.links[partnerId] = external;
    this.dealerByExternal.set(partnerId, external, d.dealer_id);
  }
  unlinkDealer(d: Dealer, partnerId: number) {
    const old = d.links[partnerId];
    if (old !== undefined) this.dealerByExternal.delete(partnerId, old);
    delete d.links[partnerId];
  }
  /** A station's sites keep their place but lose the station. */
  removeStation(st: Station) {
    this.stations.remove(st);
    for (const site of this.sites.under(st.dealer_id)) {
      if (site.monitoring_station_id === st.monitoring_station_id) site.monitoring_station_id = null;
    }
  }
  /** A site goes with its contacts and devices. */
  removeSite(site: Site) {
    for (const c of this.contacts.under(site.site_id)) this.contacts.remove(c);
    for (const d of this.devices.under(site.site_id)) this.devices.remove(d);
    this.sites.remove(site);
  }
  dealerOfSite(siteId: number): number | undefined {
    return this.sites.get(siteId)?.dealer_id;
  }
  addApp(a: App) {
    this.apps.set(a.id, a);
    for (const k of a.keys) this.appByKey.set(k.key, a.id);
  }
  addAlarm(a: Alarm) {
    this.alarms.set(a.id, a);
    this.alarmsByDealer.add(a.dealer_id, a.id);
  }
  addSnapshot(s: Snapshot) {
    this.snapshots.set(s.id, s);
    if (s.device_id != null) this.snapshotsByDevice.add(s.device_id, s.id);
  }
  addEvent(e: SimEvent) {
    this.events.set(e.id, e);
    let list = this.eventsByDealer.get(e.dealer_id);
    if (!list) this.eventsByDealer.set(e.dealer_id, (list = []));
    list.push(e.id);
  }

  // ---- persistence
  toJSON() {
    return {
      version: 1,
      counters: this.counters,
      urlSecret: this.urlSecret,
      partners: [...this.partners.values()],
      dealers: [...this.dealers.values()],
      users: [...this.users.values()],
      stations: [...this.stations.values()],
      sites: [...this.sites.values()],
      contacts: [...this.contacts.values()],
      devices: [...this.devices.values()],
      apps: [...this.apps.values()],
      alarms: [...this.alarms.values()],
      verifications: [...this.verifications.values()],
      snapshots: [...this.snapshots.values()],
      events: [...this.events.values()],
      deliveries: [...this.deliveries.values()],
      tokens: [...this.tokens.values()],
      idempotency: [...this.idempotency],
    };
  }

  static fromJSON(raw: ReturnType<Store["toJSON"]>): Store {
    const s = new Store();
    s.counters = { ...s.counters, ...raw.counters };
    s.urlSecret = raw.urlSecret;
    raw.partners.forEach((p) => s.addPartner(p));
    raw.dealers.forEach((d) => s.addDealer(d));
    raw.users.forEach((u) => s.users.set(u.email.toLowerCase(), u));
    raw.stations.forEach((x) => s.stations.add(x));
    raw.sites.forEach((x) => s.sites.add(x));
    raw.contacts.forEach((x) => s.contacts.add(x));
    raw.devices.forEach((x) => s.devices.add(x));
    raw.apps.forEach((x) => s.addApp(x));
    raw.alarms.forEach((x) => s.addAlarm(x));
    raw.verifications.forEach((x) => s.verifications.set(x.verification_id, x));
    raw.snapshots.forEach((x) => s.addSnapshot(x));
    [...raw.events].sort((a, b) => a.seq - b.seq).forEach((x) => s.addEvent(x));
    raw.deliveries.forEach((x) => s.deliveries.set(x.id, x));
    raw.tokens.forEach((x) => s.tokens.set(x.token, x));
    raw.idempotency.forEach(([k, v]) => s.idempotency.set(k, v));
    return s;
  }
}
