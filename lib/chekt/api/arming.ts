import "server-only";
import type { ResponseArmingSettingDto, SecurityTypeDto } from "@/lib/schemas/contract";
import { callData, chekt, type CallOpts, type DealerRef } from "./call";

const ARMING = "/partner/v1/dealers/{dealerId}/sites/{siteId}/arming-settings";

export function getArming(scope: DealerRef, siteId: number, opts: CallOpts = {}): Promise<ResponseArmingSettingDto> {
  return callData(chekt, "GET", ARMING, { params: { path: { dealerId: scope.dealerId, siteId } } }, opts);
}

export function setArming(
  scope: DealerRef,
  siteId: number,
  securityType: SecurityTypeDto,
  opts: CallOpts = {},
): Promise<ResponseArmingSettingDto> {
  const params = { path: { dealerId: scope.dealerId, siteId } };
  return callData(chekt, "PATCH", ARMING, { params, body: { security_type: securityType } }, opts);
}
