import "server-only";
import { listQueryParams } from "@/lib/chekt/list-query";
import type { CreateContactDto, ResponseContactDto, UpdateContactDto } from "@/lib/schemas/contract";
import { callData, chekt, ofSite, pageOf, type CallOpts, type DealerRef } from "./call";

const CONTACTS = "/partner/v1/dealers/{dealerId}/sites/{siteId}/contacts";
const CONTACT = "/partner/v1/dealers/{dealerId}/sites/{siteId}/contacts/{contactId}";

// Each call's answer type is the contract's (lib/chekt/openapi.yaml), as callData infers it.

/** The path parameters of one contact (CONTACT); a site's contacts (CONTACTS) take ofSite's. */
const ofContact = (scope: DealerRef, siteId: number, contactId: number) => ({
  path: { dealerId: scope.dealerId, siteId, contactId },
});

export async function listContacts(
  scope: DealerRef,
  siteId: number,
  opts: CallOpts = {},
): Promise<ResponseContactDto[]> {
  const query = listQueryParams({ sort: "last_name", dir: "asc", limit: 200, offset: 0 });
  return (await callData(chekt, "GET", CONTACTS, { params: { ...ofSite(scope, siteId), query } }, opts)) ?? [];
}

export function getContact(scope: DealerRef, siteId: number, contactId: number, opts: CallOpts = {}) {
  return callData(chekt, "GET", CONTACT, { params: ofContact(scope, siteId, contactId) }, opts);
}

export function createContact(scope: DealerRef, siteId: number, body: CreateContactDto, opts: CallOpts = {}) {
  return callData(chekt, "POST", CONTACTS, { params: ofSite(scope, siteId), body }, opts);
}

export function updateContact(
  scope: DealerRef,
  siteId: number,
  contactId: number,
  body: UpdateContactDto,
  opts: CallOpts = {},
) {
  return callData(chekt, "PUT", CONTACT, { params: ofContact(scope, siteId, contactId), body }, opts);
}

export async function deleteContact(scope: DealerRef, siteId: number, contactId: number, opts: CallOpts = {}) {
  await callData(chekt, "DELETE", CONTACT, { params: ofContact(scope, siteId, contactId) }, opts);
}

/** One page of a site's contacts, with CHeKT's total (for sweeps). */
export async function listContactsPage(
  scope: DealerRef,
  siteId: number,
  page: { limit: number; offset: number },
  opts: CallOpts = {},
): Promise<{ rows: ResponseContactDto[]; total: number }> {
  const query = listQueryParams({ sort: "contact_id", dir: "asc", ...page });
  return pageOf(await chekt.request("GET", CONTACTS, { params: { ...ofSite(scope, siteId), query } }, opts));
}
