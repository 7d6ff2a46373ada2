import { z } from "zod";
import type { CreateMonitoringStationDto, UpdateMonitoringStationDto } from "./contract";
import { chektId, editableSchemas, externalId, optionalText, requiredText, type TextOf } from "./fields";

export const stationFields = {
  external_monitoring_station_id: externalId("Station ID"),
  name: requiredText("Name", 120),
  prefix: optionalText("Prefix", 16),
  linecard: optionalText("Linecard", 32),
};
export type StationText = TextOf<typeof stationFields>;

export const stationIdSchema = z.object({ monitoring_station_id: chektId("Monitoring station") });
export const {
  empty: EMPTY_STATION,
  create: createStationSchema,
  changes: stationChangesSchema,
  update: updateStationSchema,
} = editableSchemas<CreateMonitoringStationDto, UpdateMonitoringStationDto>()(stationFields, stationIdSchema, true);
