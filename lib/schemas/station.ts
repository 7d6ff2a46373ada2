import { z } from "zod";
import type { CreateMonitoringStationDto, UpdateMonitoringStationDto } from "./contract";
import { chektId, clearable, externalId, editSchema, optionalText, requiredText, assertSameKeys } from "./fields";

export const stationFields = {
  external_monitoring_station_id: externalId("Station ID"),
  name: requiredText("Name", 120),
  prefix: optionalText("Prefix", 16),
  linecard: optionalText("Linecard", 32),
};
export type StationText = { [K in keyof typeof stationFields]: string };
/** What the create form starts from, and what it sends for a field left empty. */
export const EMPTY_STATION: StationText = { external_monitoring_station_id: "", name: "", prefix: "", linecard: "" };

export const createStationSchema = z.object(stationFields) satisfies z.ZodType<CreateMonitoringStationDto>;
export type CreateStationInput = z.input<typeof createStationSchema>;

export const stationChangesSchema = z
  .object(stationFields)
  .partial()
  .extend({
    prefix: clearable(stationFields.prefix),
    linecard: clearable(stationFields.linecard),
  }) satisfies z.ZodType<UpdateMonitoringStationDto>;

export const stationIdSchema = z.object({ monitoring_station_id: chektId("Monitoring station") });
export const updateStationSchema = editSchema(stationIdSchema, stationChangesSchema);
export type UpdateStationInput = z.input<typeof updateStationSchema>;

assertSameKeys<z.output<typeof createStationSchema>, CreateMonitoringStationDto>(true);
assertSameKeys<z.output<typeof stationChangesSchema>, UpdateMonitoringStationDto>(true);
