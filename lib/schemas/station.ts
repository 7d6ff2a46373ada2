import { z } from "zod";
import type { CreateMonitoringStationDto, UpdateMonitoringStationDto } from "./contract";
import {
  chektId,
  changesSchema,
  externalId,
  editSchema,
  optionalText,
  requiredText,
  assertSameKeys,
  emptyText,
  type TextOf,
} from "./fields";

export const stationFields = {
  external_monitoring_station_id: externalId("Station ID"),
  name: requiredText("Name", 120),
  prefix: optionalText("Prefix", 16),
  linecard: optionalText("Linecard", 32),
};
export type StationText = TextOf<typeof stationFields>;
export const EMPTY_STATION: StationText = emptyText(stationFields);

export const createStationSchema = z.object(stationFields) satisfies z.ZodType<CreateMonitoringStationDto>;
export type CreateStationInput = z.input<typeof createStationSchema>;

export const stationChangesSchema = changesSchema(stationFields) satisfies z.ZodType<UpdateMonitoringStationDto>;

export const stationIdSchema = z.object({ monitoring_station_id: chektId("Monitoring station") });
export const updateStationSchema = editSchema(stationIdSchema, stationChangesSchema);
export type UpdateStationInput = z.input<typeof updateStationSchema>;

assertSameKeys<z.output<typeof createStationSchema>, CreateMonitoringStationDto>(true);
assertSameKeys<z.output<typeof stationChangesSchema>, UpdateMonitoringStationDto>(true);
