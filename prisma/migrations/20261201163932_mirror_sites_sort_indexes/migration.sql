-- DropIndex
DROP INDEX "mirror_sites_dealer_link_id_account_number_idx";

-- DropIndex
DROP INDEX "mirror_sites_dealer_link_id_external_id_idx";

-- DropIndex
DROP INDEX "mirror_sites_dealer_link_id_name_idx";

-- DropIndex
DROP INDEX "mirror_sites_dealer_link_id_station_id_idx";

-- CreateIndex
CREATE INDEX "mirror_sites_dealer_link_id_name_chekt_id_idx" ON "mirror_sites"("dealer_link_id", "name", "chekt_id");

-- CreateIndex
CREATE INDEX "mirror_sites_dealer_link_id_account_number_chekt_id_idx" ON "mirror_sites"("dealer_link_id", "account_number", "chekt_id");

-- CreateIndex
CREATE INDEX "mirror_sites_dealer_link_id_station_id_chekt_id_idx" ON "mirror_sites"("dealer_link_id", "station_id", "chekt_id");

-- CreateIndex
CREATE INDEX "mirror_sites_dealer_link_id_external_id_chekt_id_idx" ON "mirror_sites"("dealer_link_id", "external_id", "chekt_id");

-- CreateIndex
CREATE INDEX "mirror_sites_dealer_link_id_timezone_chekt_id_idx" ON "mirror_sites"("dealer_link_id", "timezone", "chekt_id");

-- CreateIndex
CREATE INDEX "mirror_sites_dealer_link_id_address1_chekt_id_idx" ON "mirror_sites"("dealer_link_id", "address1", "chekt_id");

-- CreateIndex
CREATE INDEX "mirror_sites_dealer_link_id_is_activated_chekt_id_idx" ON "mirror_sites"("dealer_link_id", "is_activated", "chekt_id");

-- CreateIndex
CREATE INDEX "mirror_sites_dealer_link_id_chekt_created_at_chekt_id_idx" ON "mirror_sites"("dealer_link_id", "chekt_created_at", "chekt_id");
