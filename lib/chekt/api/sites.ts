import "server-only";
import { listQueryParams, type ListQuery } from "@/lib/chekt/list-query";
import type { CreateSiteDto, ResponseSiteBasicDto, ResponseSiteDto, UpdateSiteDto } from "@/lib/schemas/contract";
import { callData, chekt, pageOf, totalCount, type CallOpts, type DealerRef } from "./call";

/** A row of a list asked for with `fields`: only the named columns are there. */
export type SiteRow = Partial<ResponseSiteBasicDto> & { site_id: number };
export type SitePage = { rows: SiteRow[]; total: number; traceId?: string };

const SITES = "/partner/v1/dealers/{dealerId}/sites";
const SITE = "/partner/v1/dealers/{dealerId}/sites/{siteId}";

/** One page of sites, paged, sorted and filtered by CHeKT itself. */
export async function listSites(scope: DealerRef, query: ListQuery, opts: CallOpts = {}): Promise<SitePage> {
  const params = { path: { dealerId: scope.dealerId }, query: listQueryParams(query) };
  return pageOf(await chekt.request("GET", SITES, { params }, opts));
}

/** How many sites match, without fetching them (one id per page of one). */
export async function countSites(scope: DealerRef, filter: ListQuery["filter"], opts: CallOpts = {}): Promise<number> {
  const page = await listSites(scope, { fields: ["site_id"], filter, limit: 1, offset: 0 }, opts);
  return page.total;
}

export function getSite(scope: DealerRef, siteId: number, opts: CallOpts = {}): Promise<ResponseSiteDto> {
  return callData(chekt, "GET", SITE, { params: { path: { dealerId: scope.dealerId, siteId } } }, opts);
}

/** The site holding `externalSiteId` (CHeKT keeps it unique per dealer), or null: one filtered list call, one read. */
export async function findSiteByExternalId(
  scope: DealerRef,
  externalSiteId: string,
  opts: CallOpts = {},
): Promise<ResponseSiteDto | null> {
  const page = await listSites(
    scope,
    {
      fields: ["site_id"],
      filter: [{ column: "external_site_id", value: externalSiteId, op: "eq" }],
      limit: 1,
      offset: 0,
    },
    opts,
  );
  const hit = page.rows[0];
  return hit ? getSite(scope, hit.site_id, opts) : null;
}

export function createSite(scope: DealerRef, body: CreateSiteDto, opts: CallOpts = {}): Promise<ResponseSiteBasicDto> {
  return callData(chekt, "POST", SITES, { params: { path: { dealerId: scope.dealerId } }, body }, opts);
}

export function updateSite(
  scope: DealerRef,
  siteId: number,
  body: UpdateSiteDto,
  opts: CallOpts = {},
): Promise<ResponseSiteBasicDto> {
  return callData(chekt, "PUT", SITE, { params: { path: { dealerId: scope.dealerId, siteId } }, body }, opts);
}

export function setSiteActivation(
  scope: DealerRef,
  siteId: number,
  isActivated: 0 | 1,
  opts: CallOpts = {},
): Promise<ResponseSiteBasicDto> {
  return callData(
    chekt,
    "PUT",
    "/partner/v1/dealers/{dealerId}/sites/{siteId}/activation-status",
    { params: { path: { dealerId: scope.dealerId, siteId } }, body: { is_activated: isActivated } },
    opts,
  );
}

export async function deleteSite(scope: DealerRef, siteId: number, opts: CallOpts = {}): Promise<void> {
  await callData(chekt, "DELETE", SITE, { params: { path: { dealerId: scope.dealerId, siteId } } }, opts);
}

/** Devices at a site, counted by CHeKT (X-Total-Count of a one-row page). */
export async function countDevices(scope: DealerRef, siteId: number, opts: CallOpts = {}): Promise<number> {
  const { data, response } = await chekt.request(
    "GET",
    "/partner/v1/dealers/{dealerId}/sites/{siteId}/devices",
    {
      params: {
        path: { dealerId: scope.dealerId, siteId },
        query: listQueryParams({ fields: ["device_id"], limit: 1, offset: 0 }),
      },
    },
    opts,
  );
  return totalCount(response, Array.isArray(data) ? data.length : 0);
}
