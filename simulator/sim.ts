import { createHmac, randomBytes } from "node:crypto";
import type { SimConfig } from "./config";
import type { Contract } from "./contract";
import { pfx } from "./dto";
import { SimError } from "./errors";
import { Faults } from "./faults";
import { alarmEvents, alarmRecords, alarmTarget, type AlarmInput } from "./new-alarm";
import { RateLimiter } from "./rate-limit";
import { seedDemo } from "./seed";
import { Store, type App, type Dealer, type Device, type Site, type Snapshot } from "./store";
import { Deliverer } from "./webhooks";

export type Auth =
  | { kind: "none"; bucket: string }
  | { kind: "partner"; partnerId: number; bucket: string; credential: string }
  | { kind: "user"; partnerId: number; dealerId: number; email: string; bucket: string; credential: string }
  | { kind: "apiKey"; app: App; bucket: string; credential: string }
  | { kind: "signed"; bucket: string };

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
  createAlarm(input: AlarmInput) {
    const s = this.store;
    const target = alarmTarget(s, input);
    const records = alarmRecords(s, target, input, this.config.verificationTtlS);
    const { alarm, snapshot, verification } = records;
    s.addAlarm(alarm);
    s.addSnapshot(snapshot);
    s.verifications.set(verification.verification_id, verification);
    const url = this.snapshotUrl(snapshot);
    const events = alarmEvents(target, records, url).map((e) => this.deliverer.emit(target.site.dealer_id, e));
    return { alarm, verification, snapshot, events };
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

  setDeviceStatus(device: Device, status: Device["status"], firmware?: string) {
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
