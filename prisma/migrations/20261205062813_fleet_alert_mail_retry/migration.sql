-- AlterTable
ALTER TABLE "fleet_alerts" ADD COLUMN     "email_attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "email_retry_at" TIMESTAMP(3);
