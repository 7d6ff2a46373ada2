import { z } from "zod";
import { chektId, externalId, optionalText, requiredText } from "./fields";

export const stationFields = {
  external_monitoring_station_id: externalId("Station ID"),
  name: requiredText("Name", 120),
  prefix: optionalText("Prefix", 16),
  linecard: optionalText("Linecard", 32),
};
export const createStationSchema = z.object(stationFields);
export type CreateStationInput = z.input<typeof createStationSchema>;

export const stationIdSchema = z.object({ monitoring_station_id: chektId("Monitoring station") });
