-- AlterTable
ALTER TABLE "device_statuses" ADD COLUMN     "firmware_at" TIMESTAMP(3),
ADD COLUMN     "last_seen_at" TIMESTAMP(3),
ADD COLUMN     "status_at" TIMESTAMP(3),
ADD COLUMN     "status_seen_at" TIMESTAMP(3);

-- A kept report had one time, its newest report's: the best each value's own time can start from. Last
-- seen as the mirror's writer read it from that one time (lib/mirror/batch.ts before this migration).
UPDATE "device_statuses" SET
  "status_at" = CASE WHEN "status" IS NOT NULL THEN "at" END,
  "status_seen_at" = CASE WHEN "status" IS NOT NULL THEN "at" END,
  "firmware_at" = CASE WHEN "firmware" IS NOT NULL THEN "at" END,
  "last_seen_at" = CASE WHEN "status" = 'online' OR ("status" IS NULL AND "firmware" IS NOT NULL) THEN "at" END;

ALTER TABLE "device_statuses" DROP COLUMN "at";

-- CreateTable
CREATE TABLE "mirror_deletions" (
    "dealer_link_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "chekt_id" INTEGER NOT NULL,
    "deleted_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "mirror_deletions_pkey" PRIMARY KEY ("dealer_link_id","kind","chekt_id")
);
