-- CreateIndex
CREATE INDEX "bulk_jobs_dealer_link_id_created_at_id_idx" ON "bulk_jobs"("dealer_link_id", "created_at", "id");
