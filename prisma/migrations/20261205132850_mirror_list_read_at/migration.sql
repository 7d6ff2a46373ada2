-- AlterTable
ALTER TABLE "mirror_sites" ADD COLUMN     "contacts_read_at" TIMESTAMP(3),
ADD COLUMN     "devices_read_at" TIMESTAMP(3);

-- Until now only the sweep dated a site's lists, by its read of all the site's children: the lists
-- were answered then.
UPDATE "mirror_sites" SET "contacts_read_at" = "children_read_at", "devices_read_at" = "children_read_at"
WHERE "children_read_at" IS NOT NULL;
