import "server-only";
import { listQueryParams } from "@/lib/chekt/list-query";
import type { CreateContactDto, ResponseContactDto, UpdateContactDto } from "@/lib/schemas/contract";
import { chekt, type CallOpts } from "./call";
import type { DealerScope } from "./scope";

export async function listContacts(scope: DealerScope, siteId: number, opts: CallOpts = {}): Promise<ResponseContactDto[]> {
  const { data } = await chekt.request(
    "GET",
    "/partner/v1/dealers/{dealerId}/sites/{siteId}/contacts",
    { params: { path: { dealerId: scope.dealerId, siteId }, query: listQueryParams({ sort: "last_name", dir: "asc", limit: 200, offset: 0 }) } },
    opts,
  );
  return (data ?? []) as ResponseContactDto[];
}

export async function getContact(scope: DealerScope, siteId: number, contactId: number, opts: CallOpts = {}): Promise<ResponseContactDto> {
  const { data } = await chekt.request(
    "GET",
    "/partner/v1/dealers/{dealerId}/sites/{siteId}/contacts/{contactId}",
    { params: { path: { dealerId: scope.dealerId, siteId, contactId } } },
    opts,
  );
  return data as ResponseContactDto;
}

export async function createContact(scope: DealerScope, siteId: number, body: CreateContactDto, opts: CallOpts = {}): Promise<ResponseContactDto> {
  const { data } = await chekt.request("POST", "/partner/v1/dealers/{dealerId}/sites/{siteId}/contacts", { params: { path: { dealerId: scope.dealerId, siteId } }, body }, opts);
  return data as ResponseContactDto;
}

export async function updateContact(scope: DealerScope, siteId: number, contactId: number, body: UpdateContactDto, opts: CallOpts = {}): Promise<ResponseContactDto> {
  const { data } = await chekt.request(
    "PUT",
    "/partner/v1/dealers/{dealerId}/sites/{siteId}/contacts/{contactId}",
    { params: { path: { dealerId: scope.dealerId, siteId, contactId } }, body },
    opts,
  );
  return data as ResponseContactDto;
}

export async function deleteContact(scope: DealerScope, siteId: number, contactId: number, opts: CallOpts = {}): Promise<void> {
  await chekt.request("DELETE", "/partner/v1/dealers/{dealerId}/sites/{siteId}/contacts/{contactId}", { params: { path: { dealerId: scope.dealerId, siteId, contactId } } }, opts);
}
