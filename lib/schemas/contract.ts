// The DTOs our schemas must produce, named once from the generated OpenAPI types.
import type { components } from "@/lib/chekt/schema";

type S = components["schemas"];
export type CreateSiteDto = S["CreateSiteDto"];
export type UpdateSiteDto = S["UpdateSiteDto"];
export type ResponseSiteDto = S["ResponseSiteDto"];
export type ResponseSiteBasicDto = S["ResponseSiteBasicDto"];
export type CreateMonitoringStationDto = S["CreateMonitoringStationDto"];
export type UpdateMonitoringStationDto = S["UpdateMonitoringStationDto"];
export type ResponseMonitoringStationDto = S["ResponseMonitoringStationDto"];
export type CreateContactDto = S["CreateContactDto"];
export type UpdateContactDto = S["UpdateContactDto"];
export type ResponseContactDto = S["ResponseContactDto"];
export type ConnectDealerDto = S["ConnectDealerDto"];
export type UpdateDealerDto = S["UpdateDealerDto"];
export type ResponseDealerDto = S["ResponseDealerDto"];
export type UpdateArmingSettingDto = S["UpdateArmingSettingDto"];
export type ResponseArmingSettingDto = S["ResponseArmingSettingDto"];
export type SecurityTypeDto = S["SecurityType"];
export type AlarmPriority = S["AlarmPriority"];
