-- CreateTable
CREATE TABLE "chekt_budgets" (
    "credential" TEXT NOT NULL,
    "per_min" DOUBLE PRECISION NOT NULL,
    "burst" DOUBLE PRECISION NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "at_ms" DOUBLE PRECISION NOT NULL,
    "blocked_until_ms" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "waiting_at_ms" DOUBLE PRECISION[],
    "learned" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "chekt_budgets_pkey" PRIMARY KEY ("credential")
);

-- CreateTable
CREATE TABLE "chekt_budget_usage" (
    "credential" TEXT NOT NULL,
    "minute" TIMESTAMP(3) NOT NULL,
    "budget_class" TEXT NOT NULL,
    "calls" INTEGER NOT NULL DEFAULT 0,
    "waits" INTEGER NOT NULL DEFAULT 0,
    "wait_ms" INTEGER NOT NULL DEFAULT 0,
    "rate_limited" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "chekt_budget_usage_pkey" PRIMARY KEY ("credential","minute","budget_class")
);

-- CreateIndex
CREATE INDEX "chekt_budget_usage_minute_idx" ON "chekt_budget_usage"("minute");
