-- AlterTable
ALTER TABLE "mirror_devices" ADD COLUMN     "status_seen_at" TIMESTAMP(3);

-- A row's newest report we know of is its spell's start (lib/mirror/status-spell.ts).
UPDATE "mirror_devices" SET "status_seen_at" = "status_at" WHERE "status_at" IS NOT NULL;
