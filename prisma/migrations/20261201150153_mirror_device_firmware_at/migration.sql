-- AlterTable
ALTER TABLE "mirror_devices" ADD COLUMN     "firmware_at" TIMESTAMP(3);
