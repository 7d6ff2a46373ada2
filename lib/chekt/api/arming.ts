import "server-only";
import type { ResponseArmingSettingDto, SecurityTypeDto } from "@/lib/schemas/contract";
import { chekt, type CallOpts, type DealerRef } from "./call";

export async function getArming(
  scope: DealerRef,
  siteId: number,
  opts: CallOpts = {},
): Promise<ResponseArmingSettingDto> {
  const { data } = await chekt.request(
    "GET",
    "/partner/v1/dealers/{dealerId}/sites/{siteId}/arming-settings",
    { params: { path: { dealerId: scope.dealerId, siteId } } },
    opts,
  );
  return data;
}

export async function setArming(
  scope: DealerRef,
  siteId: number,
  securityType: SecurityTypeDto,
  opts: CallOpts = {},
): Promise<ResponseArmingSettingDto> {
  const { data } = await chekt.request(
    "PATCH",
    "/partner/v1/dealers/{dealerId}/sites/{siteId}/arming-settings",
    { params: { path: { dealerId: scope.dealerId, siteId } }, body: { security_type: securityType } },
    opts,
  );
  return data;
}
