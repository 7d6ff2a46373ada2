import { createHmac, randomBytes, randomUUID } from "node:crypto";
import type { SimConfig } from "./config";
import type { Contract } from "./contract";
import { pfx } from "./dto";
import { SimError } from "./errors";
import { Faults } from "./faults";
import { RateLimiter } from "./rate-limit";
import { seedDemo } from "./seed";
import {
  Store,
  type Alarm,
  type App,
  type Dealer,
  type Device,
  type Site,
  type Snapshot,
  type Verification,
} from "./store";
import { Deliverer } from "./webhooks";

export type Auth =
  | { kind: "none"; bucket: string }
  | { kind: "partner"; partnerId: number; bucket: string; credential: string }
  | { kind: "user"; partnerId: number; dealerId: number; email: string; bucket: string; credential: string }
  | { kind: "apiKey"; app: App; bucket: string; credential: string }
  | { kind: "signed"; bucket: string };

export const TRIGGERS = ["motion", "panic", "door-forced", "glass-break", "custom"] as const;
export const PRIORITIES = ["low", "medium", "high", "critical"] as const;

export class Sim {
  store: Store;
  readonly limiter: RateLimiter;
  readonly faults = new Faults();
  readonly deliverer: Deliverer;
  /** Client-assertion `jti`s already used, with their expiry (ms). */
  readonly usedJti = new Map<string, number>();
  baseUrl = "";

  constructor(
    readonly config: SimConfig,
    readonly contract: Contract,
    seed: "demo" | "empty",
    private readonly changed: () => void,
    initial?: Store,
  ) {
    this.store = initial ?? Sim.fresh(seed);
    this.limiter = new RateLimiter(
      () => this.config.rateLimitPerMin,
      () => this.config.rateLimitBurstPerS,
    );
    this.deliverer = new Deliverer(
      () => this.store,
      this.config,
      () => this.changed(),
    );
  }

  static fresh(seed: "demo" | "empty"): Store {
    const s = new Store();
    if (seed === "demo") seedDemo(s);
    return s;
  }

  markDirty() {
    this.changed();
  }

  reset(seed: "demo" | "empty") {
    this.deliverer.cancelAll();
    this.store = Sim.fresh(seed);
    this.limiter.reset();
    this.faults.clear();
    this.usedJti.clear();
    this.changed();
  }

  // ---- reach
  dealerFor(auth: Auth, dealerId: number): Dealer {
    const d = this.store.dealers.get(dealerId);
    if (!d) throw SimError.notFound(`dealer ${dealerId}`);
    if (auth.kind !== "partner" || d.links[auth.partnerId] === undefined) {
      throw new SimError(403, "permission_denied", `dealer ${dealerId} is not connected to this partner`);
    }
    return d;
  }

  siteFor(auth: Auth, dealerId: number, siteId: number): Site {
    this.dealerFor(auth, dealerId);
    const s = this.store.sites.get(siteId);
    if (!s || s.dealer_id !== dealerId) throw SimError.notFound(`site ${siteId}`);
    return s;
  }

  // ---- snapshots
  snapshotUrl(s: Snapshot): string {
    const exp = Math.floor(Date.now() / 1000) + 24 * 3600;
    const id = pfx.snapshot(s.id);
    const base = this.config.publicUrl ?? this.baseUrl;
    return `${base}/v1/snapshots/${id}/image?exp=${exp}&sig=${this.snapshotSig(id, exp)}`;
  }

  snapshotSig(id: string, exp: number): string {
    return createHmac("sha256", this.store.urlSecret).update(`${id}.${exp}`).digest("hex").slice(0, 32);
  }

  // ---- alarms, verifications, snapshots, events
  createAlarm(input: {
    site_id: number;
    device_id?: number | null;
    contact_id?: number | null;
    expires_in_s?: number;
    trigger?: Alarm["trigger"];
    priority?: Alarm["priority"];
    description?: string;
  }) {
    const s = this.store;
    const site = s.sites.get(input.site_id);
    if (!site) throw new SimError(404, "not_found", `site ${input.site_id} not found`, "site_id");
    const notOnSite = (kind: "device" | "contact", id: number) =>
      new SimError(400, "validation_failed", `${kind} ${id} is not on site ${site.site_id}`, `${kind}_id`);
    const deviceIds = s.devices.byParent.of(site.site_id);
    let device: Device | null = null;
    if (input.device_id != null) {
      device = s.devices.get(input.device_id) ?? null;
      if (!device || device.site_id !== site.site_id) throw notOnSite("device", input.device_id);
    } else {
      const cams = deviceIds.map((id) => s.devices.get(id)!).filter((d) => d.device_type === "camera");
      device = cams[Math.floor(Math.random() * cams.length)] ?? null;
    }
    const contactIds = s.contacts.byParent.of(site.site_id);
    let contactId: number | null = null;
    if (input.contact_id != null) {
      const c = s.contacts.get(input.contact_id);
      if (!c || c.site_id !== site.site_id) throw notOnSite("contact", input.contact_id);
      contactId = c.contact_id;
    } else {
      contactId = contactIds[0] ?? null;
    }
    const now = new Date();
    const trigger = input.trigger ?? TRIGGERS[Math.floor(Math.random() * 4)]!;
    const priority = input.priority ?? (trigger === "panic" ? "critical" : "high");
    const alarm: Alarm = {
      id: s.next("alarm"),
      dealer_id: site.dealer_id,
      site_id: site.site_id,
      device_id: device?.device_id ?? null,
      priority,
      trigger,
      location: device ? `${site.name} – ${device.name}` : site.name,
      status: "open",
      snapshot_id: null,
      verification_id: null,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    };
    const snap: Snapshot = {
      id: s.next("snapshot"),
      dealer_id: site.dealer_id,
      alarm_id: alarm.id,
      site_id: site.site_id,
      device_id: device?.device_id ?? null,
      captured_at: now.toISOString(),
    };
    alarm.snapshot_id = snap.id;
    const ttl = input.expires_in_s ?? this.config.verificationTtlS;
    const verification: Verification = {
      id: s.next("verification"),
      verification_id: randomUUID(),
      dealer_id: site.dealer_id,
      alarm_id: alarm.id,
      site_id: site.site_id,
      device_id: device?.device_id ?? null,
      contact_id: contactId,
      zone_number: device?.zone_number ?? null,
      description: input.description ?? `${trigger} detected at ${alarm.location}`,
      occurred_at: now.toISOString(),
      expires_at: new Date(now.getTime() + ttl * 1000).toISOString(),
      answer: null,
    };
    alarm.verification_id = verification.verification_id;
    s.addAlarm(alarm);
    s.addSnapshot(snap);
    s.verifications.set(verification.verification_id, verification);
    const url = this.snapshotUrl(snap);
    const d = site.dealer_id;
    const events = [
      this.deliverer.emit(d, {
        type: "alarm.created",
        data: {
          alarm_id: pfx.alarm(alarm.id),
          site_id: pfx.site(site.site_id),
          device_id: device ? pfx.device(device.device_id) : null,
          priority,
          trigger,
          location: alarm.location,
          snapshot_url: url,
        },
      }),
      this.deliverer.emit(d, {
        type: "verification.requested",
        data: {
          verification_id: verification.verification_id,
          alarm_id: pfx.alarm(alarm.id),
          site_id: pfx.site(site.site_id),
          device_id: device ? pfx.device(device.device_id) : null,
          zone_number: verification.zone_number,
          contact_id: contactId !== null ? pfx.contact(contactId) : null,
          description: verification.description,
          occurred_at: verification.occurred_at,
          expires_at: verification.expires_at,
        },
      }),
      this.deliverer.emit(d, {
        type: "snapshot.created",
        data: {
          snapshot_id: pfx.snapshot(snap.id),
          alarm_id: pfx.alarm(alarm.id),
          site_id: pfx.site(site.site_id),
          device_id: device ? pfx.device(device.device_id) : null,
          url,
          captured_at: snap.captured_at,
        },
      }),
    ];
    return { alarm, verification, snapshot: snap, events };
  }

  answerVerification(
    site: Site,
    verificationId: string,
    body: { verification_id: string; contact_id: number; action: "dispatch" | "disregard"; responded_at: string },
  ) {
    const s = this.store;
    const v = s.verifications.get(verificationId);
    if (!v || v.site_id !== site.site_id) throw SimError.notFound(`verification ${verificationId}`);
    if (v.answer) throw new SimError(404, "not_found", `verification ${verificationId} was already answered`);
    if (Date.parse(v.expires_at) <= Date.now())
      throw new SimError(404, "not_found", `verification ${verificationId} expired at ${v.expires_at}`);
    if (body.verification_id !== verificationId)
      throw new SimError(
        400,
        "validation_failed",
        "verification_id must equal the verificationId in the path",
        "verification_id",
      );
    const contact = s.contacts.get(body.contact_id);
    if (!contact || contact.site_id !== site.site_id)
      throw new SimError(
        400,
        "validation_failed",
        `contact ${body.contact_id} is not a contact of site ${site.site_id}`,
        "contact_id",
      );
    v.answer = { contact_id: body.contact_id, action: body.action, responded_at: body.responded_at };
    const alarm = s.alarms.get(v.alarm_id);
    if (alarm) {
      alarm.updated_at = new Date().toISOString();
      if (body.action === "dispatch") {
        alarm.status = "dispatched";
        this.deliverer.emit(alarm.dealer_id, {
          type: "alarm.dispatched",
          data: {
            alarm_id: pfx.alarm(alarm.id),
            responder_id: `resp_${randomBytes(4).toString("hex")}`,
            responder_type: "police",
            eta_seconds: 300 + Math.floor(Math.random() * 600),
            tracking_url: `${this.config.publicUrl ?? this.baseUrl}/track/${pfx.alarm(alarm.id)}`,
          },
        });
      } else {
        alarm.status = "resolved";
        this.deliverer.emit(alarm.dealer_id, {
          type: "alarm.resolved",
          data: {
            alarm_id: pfx.alarm(alarm.id),
            resolution: "false-positive",
            notes: `Disregarded by contact ${body.contact_id}`,
          },
        });
      }
    }
    return v;
  }

  setDeviceStatus(device: Device, status: "online" | "offline", firmware?: string) {
    const dealerId = this.store.dealerOfSite(device.site_id)!;
    const at = new Date().toISOString();
    const events = [];
    if (device.status !== status) {
      device.status = status;
      events.push(
        this.deliverer.emit(dealerId, {
          type: status === "online" ? "device.online" : "device.offline",
          data: { device_id: pfx.device(device.device_id), site_id: pfx.site(device.site_id), at },
        }),
      );
    }
    if (firmware && firmware !== device.firmware) {
      device.firmware = firmware;
      events.push(
        this.deliverer.emit(dealerId, {
          type: "device.firmware_updated",
          data: { device_id: pfx.device(device.device_id), site_id: pfx.site(device.site_id), firmware },
        }),
      );
    }
    device.updated_at = at;
    this.changed();
    return events;
  }
}

export function newApiKey(mode: "live" | "test" = "test"): string {
  return `chekt_${mode}_${randomBytes(24).toString("base64url").replace(/[-_]/g, "x")}`;
}

export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(24).toString("hex")}`;
}
