import { DEVICE_EDITABLE } from "../lib/chekt/contract-lists";
import { isValidTimeZone } from "../lib/schemas/timezones";
import { SimError, type FieldError } from "./errors";
import {
  armingDto,
  contactDto,
  dealerDto,
  deviceDto,
  siteBasicDto,
  siteDto,
  stationDto,
  verificationAnswerDto,
} from "./dto";
import { applyListQuery, type ListQuery } from "./list-query";
import {
  defineHandlers,
  isSchema,
  type BaseCtx,
  type Ctx,
  type Handler,
  type SchemaName,
  type Schemas,
} from "./handlers";
import { newContact, newDevice, newSite, newStation } from "./records";
import type { Auth } from "./sim";
import type { Contact, ExternalIds, Site, Station } from "./store";

const now = () => new Date().toISOString();

/**
 * A list answer: the rows, as the document's schema `row` shows them, filtered, sorted and paged by the query.
 * The columns the query may name, and the numeric ones, are that schema's.
 */
function list<N extends SchemaName, Row extends Schemas[N] & Record<string, unknown>>(
  ctx: BaseCtx & { query: ListQuery },
  table: string,
  row: N,
  rows: Row[],
) {
  const { all, numeric } = ctx.sim.contract.columns(row);
  const { rows: out, total } = applyListQuery(rows, ctx.query, table, all, numeric);
  return { status: 200, body: out, headers: { "x-total-count": String(total) } };
}

/** The partner a client-credentials token stands for (Sim.dealerFor has already refused any other kind). */
function partnerOf(auth: Auth): number {
  if (auth.kind !== "partner")
    throw new SimError(401, "invalid_token", "this endpoint needs a client-credentials access token");
  return auth.partnerId;
}

function conflict(field: string, message: string) {
  return new SimError(409, "conflict", message, field);
}

/** An external ID is unique in its scope (a dealer's sites or stations, a site's contacts): 409 if another has it. */
function checkExternalFree(
  index: ExternalIds,
  scopeId: number,
  field: string,
  ext: unknown,
  noun: string,
  selfId?: number,
) {
  if (typeof ext !== "string") return;
  const other = index.get(scopeId, ext);
  if (other !== undefined && other !== selfId)
    throw conflict(field, `${field} ${ext} is already used by ${noun} ${other}`);
}

/** Assign only the keys present in a partial body. */
function patch<T extends object, K extends keyof T & string>(target: T, body: { [P in K]?: T[P] }, keys: readonly K[]) {
  for (const k of keys) {
    const value = body[k];
    if (value !== undefined) target[k] = value;
  }
}

function stationOf(ctx: BaseCtx, dealerId: number, id: number | null | undefined): Station | null {
  if (id === null || id === undefined) return null;
  const st = ctx.sim.store.stations.get(id);
  if (!st || st.dealer_id !== dealerId)
    throw new SimError(
      400,
      "validation_failed",
      `monitoring_station_id ${id} is not a monitoring station of this dealer`,
      "monitoring_station_id",
    );
  return st;
}

// ---------- dealers
const connectDealer: Handler<"connectDealer"> = (ctx) => {
  if (ctx.auth.kind !== "user")
    throw new SimError(401, "invalid_token", "connect requires a user access token from the authorization-code grant");
  const s = ctx.sim.store;
  const dealer = s.dealers.get(ctx.auth.dealerId);
  if (!dealer) throw SimError.notFound(`dealer ${ctx.auth.dealerId}`);
  const ext = ctx.body.external_dealer_id;
  const other = s.dealerByExternal.get(ctx.auth.partnerId, ext);
  if (other !== undefined && other !== dealer.dealer_id)
    throw conflict("external_dealer_id", `external_dealer_id ${ext} is already connected to dealer ${other}`);
  s.linkDealer(dealer, ctx.auth.partnerId, ext);
  dealer.company_name = ctx.body.company_name;
  return { status: 200, body: dealerDto(dealer, ctx.auth.partnerId) };
};

const disconnectDealer: Handler<"disconnectDealer"> = (ctx) => {
  const d = ctx.sim.dealerFor(ctx.auth, ctx.params.dealerId);
  const partnerId = partnerOf(ctx.auth);
  ctx.sim.store.unlinkDealer(d, partnerId);
  return { status: 200, body: dealerDto(d, partnerId) };
};

const getDealer: Handler<"getDealer"> = (ctx) => {
  const d = ctx.sim.dealerFor(ctx.auth, ctx.params.dealerId);
  return { status: 200, body: dealerDto(d, partnerOf(ctx.auth)) };
};

const updateDealer: Handler<"updateDealer"> = (ctx) => {
  const d = ctx.sim.dealerFor(ctx.auth, ctx.params.dealerId);
  patch(d, ctx.body, ["company_name", "company_address1", "company_address2", "company_email", "company_phone_number"]);
  return { status: 200, body: dealerDto(d, partnerOf(ctx.auth)) };
};

// ---------- sites
/** Checks the schema cannot express; run with the schema's so one answer lists every bad field. */
export function siteBodyErrors(body: unknown): FieldError[] {
  // Runs before the body is known to be an object (alongside the schema's own checks).
  const tz: unknown = body && typeof body === "object" ? Reflect.get(body, "timezone") : undefined;
  // CHeKT asks for an IANA time zone ID (seed 002); held to the app's rule for one, as IANA spells it, so a zone
  // the simulator takes is one the site form accepts.
  if (typeof tz === "string" && tz !== "" && !isValidTimeZone(tz)) {
    return [{ field: "timezone", message: `timezone "${tz}" is not an IANA time zone (e.g. America/New_York)` }];
  }
  return [];
}

function checkSiteFields(
  ctx: BaseCtx,
  dealerId: number,
  body: Schemas["CreateSiteDto"] | Schemas["UpdateSiteDto"],
  self?: Site,
) {
  const errors = siteBodyErrors(body);
  if (errors.length) throw SimError.validation(errors);
  if ("monitoring_station_id" in body) stationOf(ctx, dealerId, body.monitoring_station_id);
  const sites = ctx.sim.store.sites.byExternal;
  checkExternalFree(sites, dealerId, "external_site_id", body.external_site_id, "site", self?.site_id);
}

const createSite: Handler<"createSite"> = (ctx) => {
  const dealerId = ctx.params.dealerId;
  ctx.sim.dealerFor(ctx.auth, dealerId);
  const b = ctx.body;
  checkSiteFields(ctx, dealerId, b);
  const s = ctx.sim.store;
  const site = newSite(s.next("site"), dealerId, b, now());
  s.sites.add(site);
  return { status: 201, body: siteBasicDto(site, s) };
};

const listSites: Handler<"listSites"> = (ctx) => {
  const { dealer_id } = ctx.sim.dealerFor(ctx.auth, ctx.params.dealerId);
  const s = ctx.sim.store;
  return list(
    ctx,
    "sites",
    "ResponseSiteBasicDto",
    s.sites.under(dealer_id).map((site) => siteBasicDto(site, s)),
  );
};

const getSite: Handler<"getSite"> = (ctx) => ({
  status: 200,
  body: siteDto(ctx.sim.siteFor(ctx.auth, ctx.params.dealerId, ctx.params.siteId), ctx.sim.store),
});

const updateSite: Handler<"updateSite"> = (ctx) => {
  const site = ctx.sim.siteFor(ctx.auth, ctx.params.dealerId, ctx.params.siteId);
  checkSiteFields(ctx, site.dealer_id, ctx.body, site);
  if (typeof ctx.body.external_site_id === "string") ctx.sim.store.sites.setExternal(site, ctx.body.external_site_id);
  patch(site, ctx.body, ["name", "timezone", "monitoring_station_id", "account_number", "address1", "address2"]);
  return { status: 200, body: siteBasicDto(site, ctx.sim.store) };
};

const deleteSite: Handler<"deleteSite"> = (ctx) => {
  const site = ctx.sim.siteFor(ctx.auth, ctx.params.dealerId, ctx.params.siteId);
  ctx.sim.store.removeSite(site);
  return { status: 204 };
};

const setSiteActivation: Handler<"setSiteActivation"> = (ctx) => {
  const site = ctx.sim.siteFor(ctx.auth, ctx.params.dealerId, ctx.params.siteId);
  site.is_activated = ctx.body.is_activated;
  return { status: 200, body: siteBasicDto(site, ctx.sim.store) };
};

// ---------- monitoring stations
function stationFor(ctx: Ctx<"getMonitoringStation" | "updateMonitoringStation" | "deleteMonitoringStation">): Station {
  ctx.sim.dealerFor(ctx.auth, ctx.params.dealerId);
  const st = ctx.sim.store.stations.get(ctx.params.monitoringStationId);
  if (!st || st.dealer_id !== ctx.params.dealerId)
    throw SimError.notFound(`monitoring station ${ctx.params.monitoringStationId}`);
  return st;
}

function checkStationExternal(ctx: BaseCtx, dealerId: number, ext: unknown, self?: Station) {
  const index = ctx.sim.store.stations.byExternal;
  checkExternalFree(index, dealerId, "external_monitoring_station_id", ext, "station", self?.monitoring_station_id);
}

const createMonitoringStation: Handler<"createMonitoringStation"> = (ctx) => {
  const dealerId = ctx.params.dealerId;
  ctx.sim.dealerFor(ctx.auth, dealerId);
  checkStationExternal(ctx, dealerId, ctx.body.external_monitoring_station_id);
  const s = ctx.sim.store;
  const st = newStation(s.next("station"), dealerId, ctx.body, now());
  s.stations.add(st);
  return { status: 201, body: stationDto(st) };
};

const listMonitoringStations: Handler<"listMonitoringStations"> = (ctx) => {
  const { dealer_id } = ctx.sim.dealerFor(ctx.auth, ctx.params.dealerId);
  const stations = ctx.sim.store.stations.under(dealer_id);
  return list(ctx, "monitoring_stations", "ResponseMonitoringStationDto", stations.map(stationDto));
};

const getMonitoringStation: Handler<"getMonitoringStation"> = (ctx) => ({
  status: 200,
  body: stationDto(stationFor(ctx)),
});

const updateMonitoringStation: Handler<"updateMonitoringStation"> = (ctx) => {
  const st = stationFor(ctx);
  checkStationExternal(ctx, st.dealer_id, ctx.body.external_monitoring_station_id, st);
  if (typeof ctx.body.external_monitoring_station_id === "string")
    ctx.sim.store.stations.setExternal(st, ctx.body.external_monitoring_station_id);
  patch(st, ctx.body, ["name", "prefix", "linecard"]);
  return { status: 200, body: stationDto(st) };
};

const deleteMonitoringStation: Handler<"deleteMonitoringStation"> = (ctx) => {
  ctx.sim.store.removeStation(stationFor(ctx));
  return { status: 204 };
};

// ---------- contacts
function contactFor(ctx: Ctx<"getContact" | "updateContact" | "deleteContact">): Contact {
  const site = ctx.sim.siteFor(ctx.auth, ctx.params.dealerId, ctx.params.siteId);
  const c = ctx.sim.store.contacts.get(ctx.params.contactId);
  if (!c || c.site_id !== site.site_id) throw SimError.notFound(`contact ${ctx.params.contactId}`);
  return c;
}

function checkContactExternal(ctx: BaseCtx, siteId: number, ext: unknown, self?: Contact) {
  checkExternalFree(ctx.sim.store.contacts.byExternal, siteId, "external_contact_id", ext, "contact", self?.contact_id);
}

const createContact: Handler<"createContact"> = (ctx) => {
  const site = ctx.sim.siteFor(ctx.auth, ctx.params.dealerId, ctx.params.siteId);
  checkContactExternal(ctx, site.site_id, ctx.body.external_contact_id);
  const s = ctx.sim.store;
  const c = newContact(s.next("contact"), site.site_id, ctx.body, now());
  s.contacts.add(c);
  return { status: 201, body: contactDto(c) };
};

const listContacts: Handler<"listContacts"> = (ctx) => {
  const site = ctx.sim.siteFor(ctx.auth, ctx.params.dealerId, ctx.params.siteId);
  return list(ctx, "contacts", "ResponseContactDto", ctx.sim.store.contacts.under(site.site_id).map(contactDto));
};

const getContact: Handler<"getContact"> = (ctx) => ({ status: 200, body: contactDto(contactFor(ctx)) });

const updateContact: Handler<"updateContact"> = (ctx) => {
  const c = contactFor(ctx);
  checkContactExternal(ctx, c.site_id, ctx.body.external_contact_id, c);
  if (typeof ctx.body.external_contact_id === "string")
    ctx.sim.store.contacts.setExternal(c, ctx.body.external_contact_id);
  patch(c, ctx.body, ["first_name", "last_name", "phone_number", "email"]);
  return { status: 200, body: contactDto(c) };
};

const deleteContact: Handler<"deleteContact"> = (ctx) => {
  ctx.sim.store.contacts.remove(contactFor(ctx));
  return { status: 204 };
};

// ---------- devices
function checkBulkSize(ctx: BaseCtx, n: number) {
  if (n > ctx.sim.config.maxBulk)
    throw new SimError(
      400,
      "validation_failed",
      `at most ${ctx.sim.config.maxBulk} items per bulk request (got ${n})`,
      "body",
    );
}

/** A failed item echoes what was sent; a value that is not an object is wrapped so `req` stays an object. */
function itemFailure(req: unknown, status: number, e: FieldError) {
  const echoed: Record<string, unknown> =
    req && typeof req === "object" && !Array.isArray(req) ? { ...req } : { value: req };
  return { is_successful: false, status_code: status, error_message: e.message, field: e.field, req: echoed };
}

/** Answers a bulk request item by item: a bad item is a failed result, not a 400 for the whole request. */
function bulkAnswer<T, R extends { is_successful: boolean }>(
  ctx: BaseCtx,
  status: number,
  items: T[],
  one: (item: T) => R,
) {
  checkBulkSize(ctx, items.length);
  const results = items.map(one);
  const ok = results.filter((r) => r.is_successful).length;
  return { status, body: { success_count: ok, failure_count: results.length - ok, results } };
}

/** The item is checked against the named schema first: one that is not it fails with the schema's first error. */
function checkedItem<N extends SchemaName, R>(ctx: BaseCtx, name: N, one: (item: Schemas[N]) => R) {
  return (item: unknown) => {
    const errors: FieldError[] = [];
    return isSchema(ctx.sim, name, item, errors) ? one(item) : itemFailure(item, 400, errors[0]!);
  };
}

/** 409 for an item whose external_device_id another device of the dealer has. */
function externalDeviceTaken(item: unknown, external: string, other: number) {
  const message = `external_device_id ${external} already exists (device ${other})`;
  return itemFailure(item, 409, { field: "external_device_id", message });
}

const bulkCreateDevices: Handler<"bulkCreateDevices"> = (ctx) => {
  const site = ctx.sim.siteFor(ctx.auth, ctx.params.dealerId, ctx.params.siteId);
  const s = ctx.sim.store;
  const create = (b: Schemas["CreateDeviceDto"]): Schemas["BulkDeviceCreationResultDto"] => {
    const other = s.devices.byExternal.get(site.dealer_id, b.external_device_id);
    if (other !== undefined) return externalDeviceTaken(b, b.external_device_id, other);
    const partner = ctx.auth.kind === "partner" ? s.partners.get(ctx.auth.partnerId) : undefined;
    const d = newDevice(s.next("device"), site.site_id, b, partner?.client_id ?? null, now());
    s.devices.add(d);
    return { is_successful: true, req: b, res: deviceDto(d) };
  };
  return bulkAnswer(ctx, 201, ctx.body, checkedItem(ctx, "CreateDeviceDto", create));
};

const listDevices: Handler<"listDevices"> = (ctx) => {
  const site = ctx.sim.siteFor(ctx.auth, ctx.params.dealerId, ctx.params.siteId);
  return list(ctx, "devices", "ResponseDeviceDto", ctx.sim.store.devices.under(site.site_id).map(deviceDto));
};

const getDevice: Handler<"getDevice"> = (ctx) => {
  const site = ctx.sim.siteFor(ctx.auth, ctx.params.dealerId, ctx.params.siteId);
  const d = ctx.sim.store.devices.get(ctx.params.deviceId);
  if (!d || d.site_id !== site.site_id) throw SimError.notFound(`device ${ctx.params.deviceId}`, "device_not_found");
  return { status: 200, body: deviceDto(d) };
};

const bulkUpdateDevices: Handler<"bulkUpdateDevices"> = (ctx) => {
  const site = ctx.sim.siteFor(ctx.auth, ctx.params.dealerId, ctx.params.siteId);
  const s = ctx.sim.store;
  const update = (b: Schemas["UpdateDeviceDto"]): Schemas["BulkDeviceUpdateResultDto"] => {
    const d = s.devices.get(b.device_id);
    if (!d || d.site_id !== site.site_id)
      return itemFailure(b, 404, {
        field: "device_id",
        message: `device ${b.device_id} not found on site ${site.site_id}`,
      });
    if (typeof b.external_device_id === "string") {
      const other = s.devices.byExternal.get(site.dealer_id, b.external_device_id);
      if (other !== undefined && other !== d.device_id) return externalDeviceTaken(b, b.external_device_id, other);
      s.devices.setExternal(d, b.external_device_id);
    }
    patch(d, b, DEVICE_EDITABLE);
    d.updated_at = now();
    return { is_successful: true, req: b, res: deviceDto(d) };
  };
  return bulkAnswer(ctx, 200, ctx.body, checkedItem(ctx, "UpdateDeviceDto", update));
};

const bulkDeleteDevices: Handler<"bulkDeleteDevices"> = (ctx) => {
  const site = ctx.sim.siteFor(ctx.auth, ctx.params.dealerId, ctx.params.siteId);
  const s = ctx.sim.store;
  return bulkAnswer(ctx, 200, ctx.body.deviceIds, (id) => {
    const d = s.devices.get(id);
    if (!d || d.site_id !== site.site_id) {
      const error_message = `device ${id} not found on site ${site.site_id}`;
      return { is_successful: false, status_code: 404, error_message, req: { device_id: id } };
    }
    s.devices.remove(d);
    return { is_successful: true, req: { device_id: id }, res: { device_id: id } };
  });
};

// ---------- arming, verifications
const getArmingSettings: Handler<"getArmingSettings"> = (ctx) => ({
  status: 200,
  body: armingDto(ctx.sim.siteFor(ctx.auth, ctx.params.dealerId, ctx.params.siteId)),
});

const updateArmingSettings: Handler<"updateArmingSettings"> = (ctx) => {
  const site = ctx.sim.siteFor(ctx.auth, ctx.params.dealerId, ctx.params.siteId);
  site.security_type = ctx.body.security_type;
  site.arming_updated_at = now();
  return { status: 200, body: armingDto(site) };
};

const answerVerification: Handler<"answerVerification"> = (ctx) => {
  const site = ctx.sim.siteFor(ctx.auth, ctx.params.dealerId, ctx.params.siteId);
  const v = ctx.sim.answerVerification(site, ctx.params.verificationId, ctx.body);
  return { status: 200, body: verificationAnswerDto(v) };
};

export const partnerHandlers = defineHandlers({
  connectDealer,
  disconnectDealer,
  getDealer,
  updateDealer,
  createSite,
  listSites,
  getSite,
  updateSite,
  deleteSite,
  setSiteActivation,
  createMonitoringStation,
  listMonitoringStations,
  getMonitoringStation,
  updateMonitoringStation,
  deleteMonitoringStation,
  createContact,
  listContacts,
  getContact,
  updateContact,
  deleteContact,
  bulkCreateDevices,
  listDevices,
  getDevice,
  bulkUpdateDevices,
  bulkDeleteDevices,
  getArmingSettings,
  updateArmingSettings,
  answerVerification,
});
