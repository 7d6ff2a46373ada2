-- AlterTable
ALTER TABLE "bulk_items" ADD COLUMN     "sheet_line" INTEGER;
