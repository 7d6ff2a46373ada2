// What a refresh re-reads from CHeKT: one object, or one list (the dealer's stations or sites, a
// site's contacts or devices). Pure module (no server-only): the freshness component names its
// target with it and the refresh action validates it with the schema below.
import { z } from "zod";
import { chektIdNumber } from "@/lib/schemas/fields";

export const MIRROR_TARGET_KINDS = [
  "dealer",
  "stations",
  "station",
  "sites",
  "site",
  "contacts",
  "contact",
  "devices",
  "device",
  "arming",
] as const;
export type MirrorTargetKind = (typeof MIRROR_TARGET_KINDS)[number];

/**
 * `chektId` names the object (station, site, contact, device); `siteId` the site a contact,
 * device, arming setting or a site's list belongs to. Lists and the dealer need no id.
 */
export type MirrorTarget = {
  kind: MirrorTargetKind;
  chektId?: number;
  siteId?: number;
  /**
   * Only for "sites": the list view a page shows (its URL query, lib/schemas/site-list.ts). A
   * refresh then re-reads just that page with CHeKT's own list controls (one call) instead of
   * every site of the dealer; without it, the whole list is read.
   */
  view?: string;
};

const id = chektIdNumber();
export const mirrorTargetSchema = z
  .object({
    kind: z.enum(MIRROR_TARGET_KINDS),
    chektId: id.optional(),
    siteId: id.optional(),
    view: z.string().max(1000).optional(),
  })
  .refine((t) => !["station", "site", "contact", "device"].includes(t.kind) || t.chektId !== undefined, {
    message: "this kind needs chektId",
  })
  .refine((t) => !["contacts", "contact", "devices", "device", "arming"].includes(t.kind) || t.siteId !== undefined, {
    message: "this kind needs siteId",
  });

/** One queued refresh per object: the pg-boss singleton key (with the dealer link in front). */
export function targetKey(dealerLinkId: string, t: MirrorTarget): string {
  return [dealerLinkId, t.kind, t.siteId ?? "", t.chektId ?? "", t.view ?? ""].join(":");
}
