import "server-only";
import type { ConnectDealerDto, ResponseDealerDto, UpdateDealerDto } from "@/lib/schemas/contract";
import { chekt, type CallOpts, type DealerRef } from "./call";

export async function getDealer(scope: DealerRef, opts: CallOpts = {}): Promise<ResponseDealerDto> {
  const { data } = await chekt.request(
    "GET",
    "/partner/v1/dealers/{dealerId}",
    { params: { path: { dealerId: scope.dealerId } } },
    opts,
  );
  return data;
}

export async function updateDealer(
  scope: DealerRef,
  changes: UpdateDealerDto,
  opts: CallOpts = {},
): Promise<ResponseDealerDto> {
  const { data } = await chekt.request(
    "PUT",
    "/partner/v1/dealers/{dealerId}",
    { params: { path: { dealerId: scope.dealerId } }, body: changes },
    opts,
  );
  return data;
}

/** Binds the dealer of the signed-in CHeKT dealer admin (the user token) to our external ID. */
export async function connectDealer(
  userToken: string,
  body: ConnectDealerDto,
  opts: CallOpts = {},
): Promise<ResponseDealerDto> {
  const { data } = await chekt.request("PUT", "/partner/v1/dealers/connect", { body }, { ...opts, bearer: userToken });
  return data;
}

export async function disconnectDealer(scope: DealerRef, opts: CallOpts = {}): Promise<ResponseDealerDto> {
  const { data } = await chekt.request(
    "POST",
    "/partner/v1/dealers/{dealerId}/disconnect",
    { params: { path: { dealerId: scope.dealerId } } },
    opts,
  );
  return data;
}
