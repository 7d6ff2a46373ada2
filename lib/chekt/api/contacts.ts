import "server-only";
import { listQueryParams } from "@/lib/chekt/list-query";
import type { CreateContactDto, ResponseContactDto, UpdateContactDto } from "@/lib/schemas/contract";
import { chekt, totalCount, type CallOpts, type DealerRef } from "./call";

export async function listContacts(
  scope: DealerRef,
  siteId: number,
  opts: CallOpts = {},
): Promise<ResponseContactDto[]> {
  const { data } = await chekt.request(
    "GET",
    "/partner/v1/dealers/{dealerId}/sites/{siteId}/contacts",
    {
      params: {
        path: { dealerId: scope.dealerId, siteId },
        query: listQueryParams({ sort: "last_name", dir: "asc", limit: 200, offset: 0 }),
      },
    },
    opts,
  );
  return data ?? [];
}

export async function getContact(
  scope: DealerRef,
  siteId: number,
  contactId: number,
  opts: CallOpts = {},
): Promise<ResponseContactDto> {
  const { data } = await chekt.request(
    "GET",
    "/partner/v1/dealers/{dealerId}/sites/{siteId}/contacts/{contactId}",
    { params: { path: { dealerId: scope.dealerId, siteId, contactId } } },
    opts,
  );
  return data;
}

export async function createContact(
  scope: DealerRef,
  siteId: number,
  body: CreateContactDto,
  opts: CallOpts = {},
): Promise<ResponseContactDto> {
  const { data } = await chekt.request(
    "POST",
    "/partner/v1/dealers/{dealerId}/sites/{siteId}/contacts",
    { params: { path: { dealerId: scope.dealerId, siteId } }, body },
    opts,
  );
  return data;
}

export async function updateContact(
  scope: DealerRef,
  siteId: number,
  contactId: number,
  body: UpdateContactDto,
  opts: CallOpts = {},
): Promise<ResponseContactDto> {
  const { data } = await chekt.request(
    "PUT",
    "/partner/v1/dealers/{dealerId}/sites/{siteId}/contacts/{contactId}",
    { params: { path: { dealerId: scope.dealerId, siteId, contactId } }, body },
    opts,
  );
  return data;
}

export async function deleteContact(
  scope: DealerRef,
  siteId: number,
  contactId: number,
  opts: CallOpts = {},
): Promise<void> {
  await chekt.request(
    "DELETE",
    "/partner/v1/dealers/{dealerId}/sites/{siteId}/contacts/{contactId}",
    { params: { path: { dealerId: scope.dealerId, siteId, contactId } } },
    opts,
  );
}

/** One page of a site's contacts, with CHeKT's total (for sweeps). */
export async function listContactsPage(
  scope: DealerRef,
  siteId: number,
  page: { limit: number; offset: number },
  opts: CallOpts = {},
): Promise<{ rows: ResponseContactDto[]; total: number }> {
  const { data, response } = await chekt.request(
    "GET",
    "/partner/v1/dealers/{dealerId}/sites/{siteId}/contacts",
    {
      params: {
        path: { dealerId: scope.dealerId, siteId },
        query: listQueryParams({ sort: "contact_id", dir: "asc", ...page }),
      },
    },
    opts,
  );
  const rows = data ?? [];
  return { rows, total: totalCount(response, rows.length) };
}
