-- CreateIndex
CREATE INDEX "verifications_dealer_link_id_occurred_at_idx" ON "verifications"("dealer_link_id", "occurred_at");
