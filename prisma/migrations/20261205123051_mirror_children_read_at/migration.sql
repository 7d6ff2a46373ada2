-- AlterTable
ALTER TABLE "mirror_sites" ADD COLUMN     "children_read_at" TIMESTAMP(3);

-- Sites the full sweep already read: their children were read no later than the oldest
-- confirmation among their arming and their live contacts and devices (the reads' own times).
UPDATE "mirror_sites" s
SET "children_read_at" = least(
  a."confirmed_at",
  (SELECT min(c."confirmed_at") FROM "mirror_contacts" c
    WHERE c."dealer_link_id" = s."dealer_link_id" AND c."site_id" = s."chekt_id" AND c."gone_at" IS NULL),
  (SELECT min(d."confirmed_at") FROM "mirror_devices" d
    WHERE d."dealer_link_id" = s."dealer_link_id" AND d."site_id" = s."chekt_id" AND d."gone_at" IS NULL))
FROM "mirror_arming" a
WHERE a."dealer_link_id" = s."dealer_link_id" AND a."site_id" = s."chekt_id";
