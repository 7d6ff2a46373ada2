-- CreateTable
CREATE TABLE "health_checks" (
    "name" TEXT NOT NULL,
    "ok" BOOLEAN NOT NULL DEFAULT false,
    "status" INTEGER,
    "latency_ms" INTEGER NOT NULL DEFAULT 0,
    "checked_at_ms" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "claimed_at_ms" DOUBLE PRECISION NOT NULL DEFAULT 0,

    CONSTRAINT "health_checks_pkey" PRIMARY KEY ("name")
);
