-- AlterTable
ALTER TABLE "mirror_dealers" ADD COLUMN     "changed_at" TIMESTAMP(3);
