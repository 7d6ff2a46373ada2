// The Partner API calls of a site import (docs/import.md), over whichever CHeKT client they are
// given: the app's through appSiteImportApi() below's caller (lib/background.ts), or one made with
// createChektClient in tests and benches. No server-only import, like devices.ts: the job runner
// also runs under plain Node. Every call is a write with the key the job stored before sending it.
import type { BudgetClass } from "@/lib/chekt/budget-class";
import type { ChektClient } from "@/lib/chekt/client";
import { listQueryParams } from "@/lib/chekt/list-query";
import type {
  CreateContactDto,
  CreateSiteDto,
  ResponseArmingSettingDto,
  ResponseContactDto,
  ResponseSiteBasicDto,
  SecurityTypeDto,
  UpdateContactDto,
  UpdateSiteDto,
} from "@/lib/schemas/contract";

export type ImportSendOpts = {
  idempotencyKey: string;
  traceId?: string;
  signal?: AbortSignal;
  budgetClass?: BudgetClass;
};
/** `attempts` > 1: the client resent it (same key), so an earlier attempt may have applied. */
export type Sent<T> = { data: T; traceId: string; attempts: number };

const SITES = "/partner/v1/dealers/{dealerId}/sites" as const;

/** What the runner keeps of an accepted write: the DTO, its trace id and how many sends it took. */
const sent = <T>(res: { data: T; traceId: string; attempts?: number }): Sent<T> => ({
  data: res.data,
  traceId: res.traceId,
  attempts: res.attempts ?? 1,
});

export function siteImportApi(client: ChektClient, timeoutMs?: number) {
  return {
    async createSite(dealerId: number, body: CreateSiteDto, o: ImportSendOpts): Promise<Sent<ResponseSiteBasicDto>> {
      const res = await client.post(SITES, { params: { path: { dealerId } }, body }, { ...o, timeoutMs });
      return sent(res);
    },
    /** A site an earlier job created, its cells edited on a retry (docs/import.md). */
    async updateSite(
      dealerId: number,
      siteId: number,
      body: UpdateSiteDto,
      o: ImportSendOpts,
    ): Promise<Sent<ResponseSiteBasicDto>> {
      const res = await client.put(
        "/partner/v1/dealers/{dealerId}/sites/{siteId}",
        { params: { path: { dealerId, siteId } }, body },
        { ...o, timeoutMs },
      );
      return sent(res);
    },
    async createContact(
      dealerId: number,
      siteId: number,
      body: CreateContactDto,
      o: ImportSendOpts,
    ): Promise<Sent<ResponseContactDto>> {
      const res = await client.post(
        "/partner/v1/dealers/{dealerId}/sites/{siteId}/contacts",
        { params: { path: { dealerId, siteId } }, body },
        { ...o, timeoutMs },
      );
      return sent(res);
    },
    /** A contact an earlier job created, edited on a retry (docs/import.md). */
    async updateContact(
      dealerId: number,
      siteId: number,
      contactId: number,
      body: UpdateContactDto,
      o: ImportSendOpts,
    ): Promise<Sent<ResponseContactDto>> {
      const res = await client.put(
        "/partner/v1/dealers/{dealerId}/sites/{siteId}/contacts/{contactId}",
        { params: { path: { dealerId, siteId, contactId } }, body },
        { ...o, timeoutMs },
      );
      return sent(res);
    },
    async setArming(
      dealerId: number,
      siteId: number,
      securityType: SecurityTypeDto,
      o: ImportSendOpts,
    ): Promise<Sent<ResponseArmingSettingDto>> {
      const res = await client.patch(
        "/partner/v1/dealers/{dealerId}/sites/{siteId}/arming-settings",
        { params: { path: { dealerId, siteId } }, body: { security_type: securityType } },
        { ...o, timeoutMs },
      );
      return sent(res);
    },
    /** The site CHeKT holds under an external ID, if any (after a 409 on a resent create). */
    async findSite(
      dealerId: number,
      externalId: string,
      o: { traceId?: string; signal?: AbortSignal; budgetClass?: BudgetClass } = {},
    ) {
      const query = listQueryParams({
        filter: [{ column: "external_site_id", value: externalId, op: "eq" }],
        limit: 1,
        offset: 0,
      });
      const res = await client.get(SITES, { params: { path: { dealerId }, query } }, { ...o, timeoutMs });
      const rows = Array.isArray(res.data) ? res.data : [];
      return rows.find((s) => s.external_site_id === externalId);
    },
    /** A site's contacts (after a 409 on a resent contact create). */
    async listContacts(
      dealerId: number,
      siteId: number,
      o: { traceId?: string; signal?: AbortSignal; budgetClass?: BudgetClass } = {},
    ) {
      const query = listQueryParams({ limit: 200, offset: 0 });
      const res = await client.get(
        "/partner/v1/dealers/{dealerId}/sites/{siteId}/contacts",
        { params: { path: { dealerId, siteId }, query } },
        { ...o, timeoutMs },
      );
      return Array.isArray(res.data) ? res.data : [];
    },
  };
}
export type SiteImportApi = ReturnType<typeof siteImportApi>;
