-- CreateIndex
CREATE INDEX "mirror_sites_dealer_link_id_gone_at_idx" ON "mirror_sites"("dealer_link_id", "gone_at");
