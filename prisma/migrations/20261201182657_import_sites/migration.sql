-- CreateEnum
CREATE TYPE "BulkEntity" AS ENUM ('devices', 'sites');

-- AlterTable
ALTER TABLE "bulk_jobs" ADD COLUMN     "entity" "BulkEntity" NOT NULL DEFAULT 'devices';

-- CreateTable
CREATE TABLE "import_settings" (
    "dealer_link_id" TEXT NOT NULL,
    "site_id_pattern" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "import_settings_pkey" PRIMARY KEY ("dealer_link_id")
);

