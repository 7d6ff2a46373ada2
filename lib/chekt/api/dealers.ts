import "server-only";
import type { ConnectDealerDto, ResponseDealerDto, UpdateDealerDto } from "@/lib/schemas/contract";
import { callData, chekt, type CallOpts, type DealerRef } from "./call";

const DEALER = "/partner/v1/dealers/{dealerId}";

export function getDealer(scope: DealerRef, opts: CallOpts = {}): Promise<ResponseDealerDto> {
  return callData(chekt, "GET", DEALER, { params: { path: { dealerId: scope.dealerId } } }, opts);
}

export function updateDealer(
  scope: DealerRef,
  changes: UpdateDealerDto,
  opts: CallOpts = {},
): Promise<ResponseDealerDto> {
  return callData(chekt, "PUT", DEALER, { params: { path: { dealerId: scope.dealerId } }, body: changes }, opts);
}

/** Binds the dealer of the signed-in CHeKT dealer admin (the user token) to our external ID. */
export function connectDealer(
  userToken: string,
  body: ConnectDealerDto,
  opts: CallOpts = {},
): Promise<ResponseDealerDto> {
  return callData(chekt, "PUT", "/partner/v1/dealers/connect", { body }, { ...opts, bearer: userToken });
}

export function disconnectDealer(scope: DealerRef, opts: CallOpts = {}): Promise<ResponseDealerDto> {
  const params = { path: { dealerId: scope.dealerId } };
  return callData(chekt, "POST", "/partner/v1/dealers/{dealerId}/disconnect", { params }, opts);
}
