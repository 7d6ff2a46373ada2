-- AlterTable: per class, when a call last took or asked for a token (lib/chekt/budget-rules.ts:
-- a lower class keeps its full reserve only while a higher class was active lately).
ALTER TABLE "chekt_budgets" ADD COLUMN "active_at_ms" DOUBLE PRECISION[] DEFAULT ARRAY[]::DOUBLE PRECISION[];
