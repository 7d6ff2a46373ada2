import "server-only";
import { listQueryParams } from "@/lib/chekt/list-query";
import type { CreateContactDto, ResponseContactDto, UpdateContactDto } from "@/lib/schemas/contract";
import { callData, chekt, pageOf, type CallOpts, type DealerRef } from "./call";

const CONTACTS = "/partner/v1/dealers/{dealerId}/sites/{siteId}/contacts";
const CONTACT = "/partner/v1/dealers/{dealerId}/sites/{siteId}/contacts/{contactId}";

export async function listContacts(
  scope: DealerRef,
  siteId: number,
  opts: CallOpts = {},
): Promise<ResponseContactDto[]> {
  const query = listQueryParams({ sort: "last_name", dir: "asc", limit: 200, offset: 0 });
  const params = { path: { dealerId: scope.dealerId, siteId }, query };
  return (await callData(chekt, "GET", CONTACTS, { params }, opts)) ?? [];
}

export function getContact(
  scope: DealerRef,
  siteId: number,
  contactId: number,
  opts: CallOpts = {},
): Promise<ResponseContactDto> {
  return callData(chekt, "GET", CONTACT, { params: { path: { dealerId: scope.dealerId, siteId, contactId } } }, opts);
}

export function createContact(
  scope: DealerRef,
  siteId: number,
  body: CreateContactDto,
  opts: CallOpts = {},
): Promise<ResponseContactDto> {
  return callData(chekt, "POST", CONTACTS, { params: { path: { dealerId: scope.dealerId, siteId } }, body }, opts);
}

export function updateContact(
  scope: DealerRef,
  siteId: number,
  contactId: number,
  body: UpdateContactDto,
  opts: CallOpts = {},
): Promise<ResponseContactDto> {
  const params = { path: { dealerId: scope.dealerId, siteId, contactId } };
  return callData(chekt, "PUT", CONTACT, { params, body }, opts);
}

export async function deleteContact(
  scope: DealerRef,
  siteId: number,
  contactId: number,
  opts: CallOpts = {},
): Promise<void> {
  await callData(chekt, "DELETE", CONTACT, { params: { path: { dealerId: scope.dealerId, siteId, contactId } } }, opts);
}

/** One page of a site's contacts, with CHeKT's total (for sweeps). */
export async function listContactsPage(
  scope: DealerRef,
  siteId: number,
  page: { limit: number; offset: number },
  opts: CallOpts = {},
): Promise<{ rows: ResponseContactDto[]; total: number }> {
  const query = listQueryParams({ sort: "contact_id", dir: "asc", ...page });
  const params = { path: { dealerId: scope.dealerId, siteId }, query };
  return pageOf(await chekt.request("GET", CONTACTS, { params }, opts));
}
