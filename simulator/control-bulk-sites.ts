import type { FastifyInstance } from "fastify";
import { body, type ControlBody } from "./control-body";
import { dealerOr404 } from "./control-lookup";
import type { Schemas } from "./handlers";
import { newContact, newDevice, newSite } from "./records";
import type { Sim } from "./sim";
import type { Store } from "./store";

/** The bulk sites' time zones, in turn. */
const TIME_ZONES = [
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Los_Angeles",
  "Europe/London",
  "Asia/Seoul",
  "Australia/Sydney",
];

/** The i-th bulk site (id `sid`), every third one deactivated, on the dealer's stations in turn. */
function addBulkSite(s: Store, dealerId: number, stations: number[], i: number, sid: number, t: string) {
  const site: Schemas["CreateSiteDto"] = {
    external_site_id: `bulk-${sid}`,
    name: `Bulk Site ${String(sid).padStart(6, "0")}`,
    monitoring_station_id: stations.length ? stations[i % stations.length]! : null,
    account_number: String(500000 + sid),
    address1: `${sid} Bulk Ave`,
    timezone: TIME_ZONES[i % TIME_ZONES.length]!,
  };
  const record = newSite(sid, dealerId, site, t);
  record.is_activated = i % 3 === 0 ? 0 : 1;
  s.sites.add(record);
}

/** The site's contacts and cameras, as many as the request asks for. */
function addBulkChildren(s: Store, sid: number, b: ControlBody<"bulkSites">, t: string) {
  for (let c = 0; c < (b.contacts_per_site ?? 0); c++) {
    const cid = s.next("contact");
    const contact = { external_contact_id: `bulk-contact-${cid}`, first_name: "Contact", last_name: String(cid) };
    s.contacts.add(newContact(cid, sid, contact, t));
  }
  for (let d = 0; d < (b.devices_per_site ?? 0); d++) {
    const did = s.next("device");
    const camera: Schemas["CreateDeviceDto"] = {
      external_device_id: `bulk-dev-${did}`,
      device_type: "camera",
      name: `Camera ${d + 1}`,
      zone_number: String(d + 1).padStart(3, "0"),
      manufacturer: "CHeKT",
      model: "CHEKT-CAM-001",
    };
    s.devices.add(newDevice(did, sid, camera, "sim", t));
  }
}

/** Many generated sites for one dealer at once, for tests and benches at scale. */
export function registerBulkSiteRoutes(r: FastifyInstance, sim: Sim) {
  r.post("/_sim/bulk-sites", async (req, reply) => {
    const b = body(req, "bulkSites");
    dealerOr404(sim, b.dealer_id);
    const s = sim.store;
    const t = new Date().toISOString();
    const stations = s.stations.byParent.of(b.dealer_id);
    let first = 0;
    let last = 0;
    for (let i = 0; i < b.count; i++) {
      const sid = s.next("site");
      first ||= sid;
      last = sid;
      addBulkSite(s, b.dealer_id, stations, i, sid, t);
      addBulkChildren(s, sid, b, t);
    }
    reply.code(201);
    return { created: b.count, first_site_id: first, last_site_id: last };
  });
}
