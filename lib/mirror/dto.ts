// Reading a mirror row's `dto` (JSON as CHeKT last answered) back into its contract type: checked
// with zod instead of cast, so a row written by an older version of the contract shows as
// unreadable rather than as wrong data. Pure module.
import { z } from "zod";
import type { ChektDevice } from "@/lib/chekt/api/devices";
import type {
  ResponseContactDto,
  ResponseDealerDto,
  ResponseMonitoringStationDto,
  ResponseSiteBasicDto,
} from "@/lib/schemas/contract";

const text = z.string().nullable().optional();

const siteSchema = z.object({
  site_id: z.number(),
  external_site_id: z.string(),
  name: z.string(),
  monitoring_station_id: z.number().nullable().optional(),
  external_monitoring_station_id: text,
  account_number: text,
  address1: text,
  address2: text,
  timezone: z.string(),
  is_activated: z.union([z.literal(0), z.literal(1)]),
  created_at: z.string(),
  // Only GET of one site answers it (a list row or a write answer does not).
  has_physical_bridge: z.boolean().optional(),
}) satisfies z.ZodType<ResponseSiteBasicDto>;
export type MirroredSiteDto = z.output<typeof siteSchema>;

const stationSchema = z.object({
  monitoring_station_id: z.number(),
  external_monitoring_station_id: z.string(),
  name: z.string(),
  prefix: text,
  linecard: text,
  created_at: z.string(),
}) satisfies z.ZodType<ResponseMonitoringStationDto>;

const contactSchema = z.object({
  contact_id: z.number(),
  site_id: z.number().optional(),
  external_contact_id: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  phone_number: text,
  email: text,
  created_at: z.string(),
}) satisfies z.ZodType<ResponseContactDto>;

// As tolerant as ChektDevice (lib/chekt/api/devices.ts): a draft API may leave out anything but the IDs.
const deviceSchema = z.object({
  device_id: z.number(),
  external_device_id: z.string(),
  site_id: z.number().optional(),
  device_type: z.string().optional(),
  name: z.string().optional(),
  zone_number: text,
  additional_zone_numbers: text,
  mac: text,
  manufacturer: text,
  model: text,
  serial_number: text,
  registered_by_partner: text,
  created_at: text,
  updated_at: text,
}) satisfies z.ZodType<ChektDevice>;

const dealerSchema = z.object({
  dealer_id: z.number(),
  external_dealer_id: text,
  company_name: z.string(),
  company_address1: text,
  company_address2: text,
  company_email: text,
  company_phone_number: text,
  is_connected: z.boolean().optional(),
  created_at: z.string(),
}) satisfies z.ZodType<ResponseDealerDto>;

export const readSiteDto = (dto: unknown): MirroredSiteDto | null => siteSchema.safeParse(dto).data ?? null;
export const readStationDto = (dto: unknown): ResponseMonitoringStationDto | null =>
  stationSchema.safeParse(dto).data ?? null;
export const readDealerDto = (dto: unknown): ResponseDealerDto | null => dealerSchema.safeParse(dto).data ?? null;
export const readContactDto = (dto: unknown): ResponseContactDto | null => contactSchema.safeParse(dto).data ?? null;
export const readDeviceDto = (dto: unknown): ChektDevice | null => deviceSchema.safeParse(dto).data ?? null;
