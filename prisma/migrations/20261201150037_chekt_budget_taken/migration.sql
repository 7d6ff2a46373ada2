-- AlterTable
ALTER TABLE "chekt_budgets" ADD COLUMN     "taken" DOUBLE PRECISION NOT NULL DEFAULT 0;
