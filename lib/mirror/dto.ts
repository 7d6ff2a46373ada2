// Reading a mirror row's `dto` (JSON as CHeKT last answered) back into its contract type: checked
// with zod instead of cast, so a row written by an older version of the contract shows as
// unreadable rather than as wrong data. Pure module.
import { z } from "zod";
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
