-- AlterTable
ALTER TABLE "mirror_syncs" ADD COLUMN     "cursor" INTEGER;
