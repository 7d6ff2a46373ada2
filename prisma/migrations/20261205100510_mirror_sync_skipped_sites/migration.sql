-- AlterTable
ALTER TABLE "mirror_syncs" ADD COLUMN     "skipped" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "skipped_note" TEXT;
