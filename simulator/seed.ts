import { createPublicKey } from "node:crypto";
import { readFileSync } from "node:fs";
import { z } from "zod";
import { APP_SCOPES } from "../lib/chekt/contract-lists";
import type { Schemas } from "./handlers";
import { newContact, newDevice, newSite, newStation } from "./records";
import type { App, Dealer, Site, Station, Store } from "./store";

/** `.env.example` values, used when the variable is unset so `npm run sim` works without a .env. */
export const ENV_DEFAULTS = {
  CHEKT_CLIENT_ID: "demo-partner",
  CHEKT_CLIENT_SECRET: "demo-partner-secret-7f3a9c2e5b1d4f60",
  CHEKT_API_KEY: "chekt_test_demo0000000000000000000000000001",
  CHEKT_WEBHOOK_SECRET: "whsec_demo_signing_secret_0123456789",
  APP_URL: "http://localhost:3000",
} as const;

/**
 * The twelve demo sites are data (one named object each). Read from the file rather than imported: Playwright's
 * loader refuses a JSON import without an import attribute, which Node 20.9 does not parse.
 */
const SEED_SITES = z
  .array(
    z.object({
      dealer: z.number().int(),
      name: z.string(),
      timezone: z.string(),
      address: z.string(),
      activated: z.boolean(),
    }),
  )
  .parse(JSON.parse(readFileSync(new URL("./seed-sites.json", import.meta.url), "utf8")));

const env = (name: keyof typeof ENV_DEFAULTS) => process.env[name] || ENV_DEFAULTS[name];

export const DEMO_PASSWORD = "chekt-demo";
/** Every scope an app may hold: the contract's list, the one the console checks keys against. */
export const ALL_SCOPES: string[] = [...APP_SCOPES];
export const ALL_EVENTS = [
  "alarm.created",
  "verification.requested",
  "alarm.acknowledged",
  "alarm.dispatched",
  "alarm.resolved",
  "snapshot.created",
  "device.online",
  "device.offline",
  "device.firmware_updated",
];

/** The demo world. Getters read the environment when asked, so a test can set it first. */
export const DEMO = {
  partner: {
    id: 1,
    name: "Demo Partner (dealer console)",
    get clientId() {
      return env("CHEKT_CLIENT_ID");
    },
    get clientSecret() {
      return env("CHEKT_CLIENT_SECRET");
    },
  },
  dealers: {
    acme: { id: 1, external: "acme-security", name: "Acme Security", admin: "admin@acme.example", connected: true },
    northwind: {
      id: 2,
      external: "northwind-alarms",
      name: "Northwind Alarms",
      admin: "admin@northwind.example",
      connected: true,
    },
    coastal: {
      id: 3,
      external: "coastal-guard",
      name: "Coastal Guard",
      admin: "admin@coastal.example",
      connected: false,
    },
  },
  /** A dealer user who is not an admin, so cannot approve a connection. */
  staffUser: "staff@coastal.example",
  password: DEMO_PASSWORD,
  app: {
    id: "app_1",
    dealerId: 1,
    get apiKey() {
      return env("CHEKT_API_KEY");
    },
    get signingSecret() {
      return env("CHEKT_WEBHOOK_SECRET");
    },
    get webhookUrl() {
      return `${env("APP_URL").replace(/\/$/, "")}/api/webhooks/chekt/acme-security`;
    },
  },
};

/** The demo sites' security types, in turn. */
const SECURITY_TYPES: Site["security_type"][] = [1, 2, 3, 4];

const FIRST = [
  "Maria",
  "James",
  "Aiko",
  "Oliver",
  "Priya",
  "Lucas",
  "Hana",
  "Noah",
  "Sofia",
  "Ethan",
  "Ji-woo",
  "Emma",
];
const LAST = [
  "Garcia",
  "Smith",
  "Tanaka",
  "Brown",
  "Patel",
  "Silva",
  "Kim",
  "Jones",
  "Rossi",
  "Miller",
  "Park",
  "Wilson",
];

function at(dayOffset: number): string {
  return new Date(Date.UTC(2025, 0, 1) + dayOffset * 86_400_000).toISOString();
}

/** The public half of CHEKT_PRIVATE_KEY: the app signs client assertions with the key, so the partner holds it. */
function demoPublicKey(): string | null {
  if (!process.env.CHEKT_PRIVATE_KEY) return null;
  return createPublicKey(process.env.CHEKT_PRIVATE_KEY.replace(/\\n/g, "\n"))
    .export({ type: "spki", format: "pem" })
    .toString();
}

function seedPartner(store: Store) {
  const publicKey = demoPublicKey();
  store.addPartner({
    id: store.next("partner"),
    name: DEMO.partner.name,
    client_id: DEMO.partner.clientId,
    client_secret: DEMO.partner.clientSecret,
    public_key_pem: publicKey,
    redirect_uris: [],
    created_at: at(0),
  });
}

/** The three dealers (two connected to the partner), each with its admin, and Coastal Guard's staff user. */
function seedDealers(store: Store, partnerId: number) {
  const dealerRows = [
    { ...DEMO.dealers.acme, address: "100 Main St", email: "ops@acme.example", phone: "+1-617-555-0100" },
    { ...DEMO.dealers.northwind, address: "55 Harbor Ave", email: "desk@northwind.example", phone: "+1-414-555-0142" },
    { ...DEMO.dealers.coastal, address: "8 Shore Rd", email: "hello@coastal.example", phone: "+1-631-555-0199" },
  ];
  for (const d of dealerRows) {
    const dealer: Dealer = {
      dealer_id: store.next("dealer"),
      company_name: d.name,
      company_address1: d.address,
      company_address2: null,
      company_email: d.email,
      company_phone_number: d.phone,
      created_at: at(d.id),
      links: d.connected ? { [partnerId]: d.external } : {},
    };
    store.addDealer(dealer);
    store.users.set(d.admin, {
      email: d.admin,
      password: DEMO_PASSWORD,
      dealer_id: dealer.dealer_id,
      role: "admin",
      name: `${d.name} admin`,
    });
  }
  store.users.set(DEMO.staffUser, {
    email: DEMO.staffUser,
    password: DEMO_PASSWORD,
    dealer_id: 3,
    role: "staff",
    name: "Coastal Guard operator",
  });
}

/** The monitoring stations, by the dealer they belong to. */
function seedStations(store: Store): Map<number, Station[]> {
  const stationsOf = new Map<number, Station[]>();
  const stationRows: Array<[number, string, string, string]> = [
    [1, "ms-east", "Central Station East", "E1"],
    [1, "ms-west", "Central Station West", "W2"],
    [2, "ms-nw-main", "Northwind Monitoring", "NW"],
    [3, "ms-coastal", "Coastal Central", "CG"],
  ];
  stationRows.forEach(([dealerId, ext, name, prefix], i) => {
    const body = { external_monitoring_station_id: ext, name, prefix, linecard: `LC-${i + 1}` };
    const s = newStation(store.next("station"), dealerId, body, at(10 + i));
    store.stations.add(s);
    stationsOf.set(dealerId, [...(stationsOf.get(dealerId) ?? []), s]);
  });
  return stationsOf;
}

/** The i-th demo site's two contacts, names taken in turn from FIRST and LAST. */
function seedContacts(store: Store, site: Site, i: number) {
  for (let c = 0; c < 2; c++) {
    const k = (i * 2 + c) % FIRST.length;
    const first_name = FIRST[k]!;
    const last_name = LAST[(k + i) % LAST.length]!;
    const mailbox = `${first_name.toLowerCase().replace(/[^a-z]/g, "")}.${last_name.toLowerCase()}`;
    const contact: Schemas["CreateContactDto"] = {
      external_contact_id: `seed-contact-${i + 1}-${c + 1}`,
      first_name,
      last_name,
      phone_number: `+1-555-01${String(i).padStart(2, "0")}-${c}${c}${c}${c}`,
      email: `${mailbox}@example.com`,
    };
    store.contacts.add(newContact(store.next("contact"), site.site_id, contact, at(21 + i)));
  }
}

/** The i-th demo site's two to four cameras; every fourth site's last camera is offline. */
function seedCameras(store: Store, site: Site, i: number) {
  const names = ["Front Door", "Parking Lot", "Loading Dock", "Back Office"];
  const count = 2 + (i % 3);
  for (let d = 0; d < count; d++) {
    const id = store.next("device");
    const camera: Schemas["CreateDeviceDto"] = {
      external_device_id: `seed-dev-${id}`,
      device_type: "camera",
      name: names[d]!,
      zone_number: String(d + 1).padStart(3, "0"),
      mac: ["00:1B:44:11", (id >> 8).toString(16), (id & 255).toString(16)]
        .map((part) => part.padStart(2, "0"))
        .join(":")
        .toUpperCase(),
      manufacturer: "CHeKT",
      model: "CHEKT-CAM-001",
      serial_number: `SN${String(100000 + id)}`,
    };
    const device = newDevice(id, site.site_id, camera, "seed", at(22 + i));
    if (d === count - 1 && i % 4 === 3) device.status = "offline";
    store.devices.add(device);
  }
}

/** A CHeKT Bridge on every other demo site. */
function seedBridge(store: Store, site: Site, i: number) {
  if (i % 2 !== 0) return;
  const id = store.next("device");
  const bridge: Schemas["CreateDeviceDto"] = {
    external_device_id: `seed-dev-${id}`,
    device_type: "bridge",
    name: "CHeKT Bridge",
    mac: `00:1B:44:22:00:${id.toString(16).padStart(2, "0")}`.toUpperCase(),
    manufacturer: "CHeKT",
    model: "CHEKT-BRG-8",
    serial_number: `BR${100000 + id}`,
  };
  store.devices.add(newDevice(id, site.site_id, bridge, "seed", at(22 + i)));
}

/** The twelve sites of seed-sites.json, each followed by its contacts and devices. */
function seedSites(store: Store, stationsOf: Map<number, Station[]>) {
  SEED_SITES.forEach(({ dealer, name, timezone, address, activated }, i) => {
    const stations = stationsOf.get(dealer) ?? [];
    const station = stations[i % stations.length] ?? null;
    const body: Schemas["CreateSiteDto"] = {
      external_site_id: `seed-site-${i + 1}`,
      name,
      monitoring_station_id: station?.monitoring_station_id ?? null,
      account_number: String(100200 + i * 17),
      address1: address,
      address2: i % 3 === 0 ? `Unit ${i + 1}` : null,
      timezone,
    };
    const site = newSite(store.next("site"), dealer, body, at(20 + i));
    site.is_activated = activated ? 1 : 0;
    site.security_type = SECURITY_TYPES[i % SECURITY_TYPES.length]!;
    store.sites.add(site);
    seedContacts(store, site, i);
    seedCameras(store, site, i);
    seedBridge(store, site, i);
  });
}

/** The console's own CHeKT App on Acme Security: every scope and event, key and secret from the environment. */
function seedApp(store: Store) {
  const app: App = {
    id: DEMO.app.id,
    dealer_id: DEMO.app.dealerId,
    name: "dealer-console",
    scopes: [...ALL_SCOPES],
    events: [...ALL_EVENTS],
    webhook_url: DEMO.app.webhookUrl,
    signing_secret: DEMO.app.signingSecret,
    keys: [{ key: DEMO.app.apiKey, created_at: at(0), expires_at: null }],
    created_at: at(0),
  };
  store.counters.app = 1;
  store.addApp(app);
}

/** Fill an empty store with the demo world. */
export function seedDemo(store: Store): void {
  seedPartner(store);
  seedDealers(store, DEMO.partner.id);
  seedSites(store, seedStations(store));
  seedApp(store);
}

/**
 * A saved state outlives `.env` edits and a demo app that moved to another port: re-apply the
 * seeded partner's credentials and the seeded app's key, secret and webhook URL from the
 * environment after loading. Everything else in the saved state is kept.
 */
export function refreshSeedFromEnv(store: Store): string[] {
  const changed: string[] = [];
  const partner = store.partners.get(DEMO.partner.id);
  if (partner) {
    if (partner.client_id !== DEMO.partner.clientId && !store.partnersByClientId.has(DEMO.partner.clientId)) {
      store.partnersByClientId.delete(partner.client_id);
      partner.client_id = DEMO.partner.clientId;
      store.partnersByClientId.set(partner.client_id, partner.id);
      changed.push("partner client_id");
    }
    if (partner.client_secret !== DEMO.partner.clientSecret) {
      partner.client_secret = DEMO.partner.clientSecret;
      changed.push("partner client_secret");
    }
  }
  const app = store.apps.get(DEMO.app.id);
  if (app && app.dealer_id === DEMO.app.dealerId) {
    if (app.webhook_url !== DEMO.app.webhookUrl) {
      app.webhook_url = DEMO.app.webhookUrl;
      changed.push("app webhook_url");
    }
    if (app.signing_secret !== DEMO.app.signingSecret) {
      app.signing_secret = DEMO.app.signingSecret;
      changed.push("app signing secret");
    }
    const key = DEMO.app.apiKey;
    const owner = store.appByKey.get(key);
    if (owner === undefined || (owner === app.id && app.keys.find((k) => k.key === key)?.expires_at)) {
      if (owner === undefined) {
        app.keys.push({ key, created_at: new Date().toISOString(), expires_at: null });
        store.appByKey.set(key, app.id);
      } else {
        app.keys.find((k) => k.key === key)!.expires_at = null;
      }
      changed.push("app API key");
    }
  }
  return changed;
}
