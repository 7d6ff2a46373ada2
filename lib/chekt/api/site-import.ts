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
const SITE = `${SITES}/{siteId}` as const;
const CONTACTS = `${SITE}/contacts` as const;
const CONTACT = `${CONTACTS}/{contactId}` as const;
const ARMING = `${SITE}/arming-settings` as const;

/** What the runner keeps of an accepted write: the DTO, its trace id and how many sends it took. */
const sent = <T>(res: { data: T; traceId: string; attempts?: number }): Sent<T> => ({
  data: res.data,
  traceId: res.traceId,
  attempts: res.attempts ?? 1,
});

type LookupOpts = { traceId?: string; signal?: AbortSignal; budgetClass?: BudgetClass };
type Site = ResponseSiteBasicDto;
type Contact = ResponseContactDto;

export type SiteImportApi = {
  createSite(dealerId: number, body: CreateSiteDto, o: ImportSendOpts): Promise<Sent<Site>>;
  /** A site an earlier job created, its cells edited on a retry (docs/import.md). */
  updateSite(dealerId: number, siteId: number, body: UpdateSiteDto, o: ImportSendOpts): Promise<Sent<Site>>;
  createContact(dealerId: number, siteId: number, body: CreateContactDto, o: ImportSendOpts): Promise<Sent<Contact>>;
  /** A contact an earlier job created, edited on a retry (docs/import.md). */
  updateContact(
    dealerId: number,
    siteId: number,
    contactId: number,
    body: UpdateContactDto,
    o: ImportSendOpts,
  ): Promise<Sent<Contact>>;
  setArming(
    dealerId: number,
    siteId: number,
    securityType: SecurityTypeDto,
    o: ImportSendOpts,
  ): Promise<Sent<ResponseArmingSettingDto>>;
  /** The site CHeKT holds under an external ID, if any (after a 409 on a resent create). */
  findSite(dealerId: number, externalId: string, o?: LookupOpts): Promise<Site | undefined>;
  /** A site's contacts (after a 409 on a resent contact create). */
  listContacts(dealerId: number, siteId: number, o?: LookupOpts): Promise<Contact[]>;
};

export function siteImportApi(client: ChektClient, timeoutMs?: number): SiteImportApi {
  const opts = (o: LookupOpts | ImportSendOpts) => ({ ...o, timeoutMs });
  return {
    createSite: async (dealerId, body, o) =>
      sent(await client.post(SITES, { params: { path: { dealerId } }, body }, opts(o))),
    updateSite: async (dealerId, siteId, body, o) =>
      sent(await client.put(SITE, { params: { path: { dealerId, siteId } }, body }, opts(o))),
    createContact: async (dealerId, siteId, body, o) =>
      sent(await client.post(CONTACTS, { params: { path: { dealerId, siteId } }, body }, opts(o))),
    updateContact: async (dealerId, siteId, contactId, body, o) =>
      sent(await client.put(CONTACT, { params: { path: { dealerId, siteId, contactId } }, body }, opts(o))),
    async setArming(dealerId, siteId, securityType, o) {
      const body = { security_type: securityType };
      return sent(await client.patch(ARMING, { params: { path: { dealerId, siteId } }, body }, opts(o)));
    },
    async findSite(dealerId, externalId, o = {}) {
      const query = listQueryParams({
        filter: [{ column: "external_site_id", value: externalId, op: "eq" }],
        limit: 1,
        offset: 0,
      });
      const res = await client.get(SITES, { params: { path: { dealerId }, query } }, opts(o));
      return (Array.isArray(res.data) ? res.data : []).find((s) => s.external_site_id === externalId);
    },
    async listContacts(dealerId, siteId, o = {}) {
      const query = listQueryParams({ limit: 200, offset: 0 });
      const res = await client.get(CONTACTS, { params: { path: { dealerId, siteId }, query } }, opts(o));
      return Array.isArray(res.data) ? res.data : [];
    },
  };
}
