-- CreateTable
CREATE TABLE "webhook_refusal_counts" (
    "dealer_link_id" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "refused" INTEGER NOT NULL,
    "not_stored" INTEGER NOT NULL,
    "last_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "webhook_refusal_counts_pkey" PRIMARY KEY ("dealer_link_id","day")
);

-- CreateIndex
CREATE INDEX "webhook_deliveries_verdict_received_at_idx" ON "webhook_deliveries"("verdict", "received_at");
