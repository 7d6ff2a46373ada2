import "server-only";
import { listQueryParams, type ListQuery } from "@/lib/chekt/list-query";
import type { CreateSiteDto, ResponseSiteBasicDto, UpdateSiteDto } from "@/lib/schemas/contract";
import { callData, chekt, ofDealer, ofSite, pageOf, type CallOpts, type DealerRef } from "./call";

/** A row of a list asked for with `fields`: only the named columns are there. */
export type SiteRow = Partial<ResponseSiteBasicDto> & { site_id: number };
export type SitePage = { rows: SiteRow[]; total: number; traceId?: string };

// Each call's answer type is the contract's (lib/chekt/openapi.yaml), as callData infers it.
const SITES = "/partner/v1/dealers/{dealerId}/sites";
const SITE = "/partner/v1/dealers/{dealerId}/sites/{siteId}";

/** One page of sites, paged, sorted and filtered by CHeKT itself. */
export async function listSites(scope: DealerRef, query: ListQuery, opts: CallOpts = {}): Promise<SitePage> {
  const params = { ...ofDealer(scope), query: listQueryParams(query) };
  return pageOf(await chekt.request("GET", SITES, { params }, opts));
}

/** How many sites match, without fetching them (one id per page of one). */
export async function countSites(scope: DealerRef, filter: ListQuery["filter"], opts: CallOpts = {}): Promise<number> {
  const page = await listSites(scope, { fields: ["site_id"], filter, limit: 1, offset: 0 }, opts);
  return page.total;
}

export function getSite(scope: DealerRef, siteId: number, opts: CallOpts = {}) {
  return callData(chekt, "GET", SITE, { params: ofSite(scope, siteId) }, opts);
}

/** The site holding `externalSiteId` (CHeKT keeps it unique per dealer), or null: one filtered list call, one read. */
export async function findSiteByExternalId(scope: DealerRef, externalSiteId: string, opts: CallOpts = {}) {
  const filter: ListQuery["filter"] = [{ column: "external_site_id", value: externalSiteId, op: "eq" }];
  const page = await listSites(scope, { fields: ["site_id"], filter, limit: 1, offset: 0 }, opts);
  const hit = page.rows[0];
  return hit ? getSite(scope, hit.site_id, opts) : null;
}

export function createSite(scope: DealerRef, body: CreateSiteDto, opts: CallOpts = {}) {
  return callData(chekt, "POST", SITES, { params: ofDealer(scope), body }, opts);
}

export function updateSite(scope: DealerRef, siteId: number, body: UpdateSiteDto, opts: CallOpts = {}) {
  return callData(chekt, "PUT", SITE, { params: ofSite(scope, siteId), body }, opts);
}

export function setSiteActivation(scope: DealerRef, siteId: number, isActivated: 0 | 1, opts: CallOpts = {}) {
  const path = "/partner/v1/dealers/{dealerId}/sites/{siteId}/activation-status";
  return callData(chekt, "PUT", path, { params: ofSite(scope, siteId), body: { is_activated: isActivated } }, opts);
}

export async function deleteSite(scope: DealerRef, siteId: number, opts: CallOpts = {}): Promise<void> {
  await callData(chekt, "DELETE", SITE, { params: ofSite(scope, siteId) }, opts);
}
