import { randomUUID } from "node:crypto";
import { pfx } from "./dto";
import { SimError } from "./errors";
import type { Alarm, Device, Site, Snapshot, Store, Verification } from "./store";
import type { EventInput } from "./webhooks";

export const TRIGGERS = ["motion", "panic", "door-forced", "glass-break", "custom"] as const;
export const PRIORITIES = ["low", "medium", "high", "critical"] as const;

/** What raises an alarm (POST /_sim/alarms, the demo timer): a site, and optionally the rest. */
export interface AlarmInput {
  site_id: number;
  device_id?: number | null;
  contact_id?: number | null;
  expires_in_s?: number;
  trigger?: Alarm["trigger"];
  priority?: Alarm["priority"];
  description?: string;
}

/** Where an alarm happens: the site, the camera that saw it and the contact to ask. */
export interface AlarmTarget {
  site: Site;
  device: Device | null;
  contactId: number | null;
}

/** The alarm's new records; `Sim.createAlarm` stores them. */
export interface AlarmRecords {
  alarm: Alarm;
  snapshot: Snapshot;
  verification: Verification;
}

/** The device and contact asked for (each must be on the site), else a random camera and the site's first contact. */
export function alarmTarget(s: Store, input: AlarmInput): AlarmTarget {
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
  return { site, device, contactId };
}

/**
 * The alarm, its snapshot and its verification (numbered in that order), linked to each other. A trigger not
 * given is one of the first four at random; a panic is critical, anything else high.
 */
export function alarmRecords(s: Store, t: AlarmTarget, input: AlarmInput, ttlS: number): AlarmRecords {
  const { site, device, contactId } = t;
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
  const snapshot: Snapshot = {
    id: s.next("snapshot"),
    dealer_id: site.dealer_id,
    alarm_id: alarm.id,
    site_id: site.site_id,
    device_id: device?.device_id ?? null,
    captured_at: now.toISOString(),
  };
  alarm.snapshot_id = snapshot.id;
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
    expires_at: new Date(now.getTime() + (input.expires_in_s ?? ttlS) * 1000).toISOString(),
    answer: null,
  };
  alarm.verification_id = verification.verification_id;
  return { alarm, snapshot, verification };
}

/** The webhook events a new alarm fires, in order: alarm.created, verification.requested, snapshot.created. */
export function alarmEvents(t: AlarmTarget, r: AlarmRecords, snapshotUrl: string): EventInput[] {
  const { site, device, contactId } = t;
  const { alarm, snapshot, verification } = r;
  const ids = {
    alarm_id: pfx.alarm(alarm.id),
    site_id: pfx.site(site.site_id),
    device_id: device ? pfx.device(device.device_id) : null,
  };
  return [
    {
      type: "alarm.created",
      data: {
        ...ids,
        priority: alarm.priority,
        trigger: alarm.trigger,
        location: alarm.location,
        snapshot_url: snapshotUrl,
      },
    },
    {
      type: "verification.requested",
      data: {
        verification_id: verification.verification_id,
        ...ids,
        zone_number: verification.zone_number,
        contact_id: contactId !== null ? pfx.contact(contactId) : null,
        description: verification.description,
        occurred_at: verification.occurred_at,
        expires_at: verification.expires_at,
      },
    },
    {
      type: "snapshot.created",
      data: {
        snapshot_id: pfx.snapshot(snapshot.id),
        ...ids,
        url: snapshotUrl,
        captured_at: snapshot.captured_at,
      },
    },
  ];
}
