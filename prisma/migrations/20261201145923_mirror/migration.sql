-- The site search index is a trigram index (mirror_sites.search_text).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateTable
CREATE TABLE "mirror_dealers" (
    "dealer_link_id" TEXT NOT NULL,
    "chekt_dealer_id" INTEGER NOT NULL,
    "company_name" TEXT NOT NULL,
    "dto" JSONB NOT NULL,
    "confirmed_at" TIMESTAMP(3) NOT NULL,
    "gone_at" TIMESTAMP(3),
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "mirror_dealers_pkey" PRIMARY KEY ("dealer_link_id")
);

-- CreateTable
CREATE TABLE "mirror_stations" (
    "dealer_link_id" TEXT NOT NULL,
    "chekt_id" INTEGER NOT NULL,
    "external_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "dto" JSONB NOT NULL,
    "confirmed_at" TIMESTAMP(3) NOT NULL,
    "changed_at" TIMESTAMP(3),
    "gone_at" TIMESTAMP(3),
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "mirror_stations_pkey" PRIMARY KEY ("dealer_link_id","chekt_id")
);

-- CreateTable
CREATE TABLE "mirror_sites" (
    "dealer_link_id" TEXT NOT NULL,
    "chekt_id" INTEGER NOT NULL,
    "external_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "account_number" TEXT,
    "address1" TEXT,
    "address2" TEXT,
    "timezone" TEXT,
    "station_id" INTEGER,
    "is_activated" BOOLEAN NOT NULL,
    "chekt_created_at" TIMESTAMP(3),
    "search_text" TEXT NOT NULL,
    "dto" JSONB NOT NULL,
    "confirmed_at" TIMESTAMP(3) NOT NULL,
    "changed_at" TIMESTAMP(3),
    "gone_at" TIMESTAMP(3),
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "mirror_sites_pkey" PRIMARY KEY ("dealer_link_id","chekt_id")
);

-- CreateTable
CREATE TABLE "mirror_contacts" (
    "dealer_link_id" TEXT NOT NULL,
    "chekt_id" INTEGER NOT NULL,
    "site_id" INTEGER NOT NULL,
    "external_id" TEXT NOT NULL,
    "first_name" TEXT NOT NULL,
    "last_name" TEXT NOT NULL,
    "phone" TEXT,
    "email" TEXT,
    "dto" JSONB NOT NULL,
    "confirmed_at" TIMESTAMP(3) NOT NULL,
    "changed_at" TIMESTAMP(3),
    "gone_at" TIMESTAMP(3),
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "mirror_contacts_pkey" PRIMARY KEY ("dealer_link_id","chekt_id")
);

-- CreateTable
CREATE TABLE "mirror_devices" (
    "dealer_link_id" TEXT NOT NULL,
    "chekt_id" INTEGER NOT NULL,
    "site_id" INTEGER NOT NULL,
    "external_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "device_type" TEXT NOT NULL,
    "zone_number" TEXT,
    "mac" TEXT,
    "status" TEXT,
    "status_at" TIMESTAMP(3),
    "last_seen_at" TIMESTAMP(3),
    "firmware" TEXT,
    "dto" JSONB NOT NULL,
    "confirmed_at" TIMESTAMP(3) NOT NULL,
    "changed_at" TIMESTAMP(3),
    "gone_at" TIMESTAMP(3),
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "mirror_devices_pkey" PRIMARY KEY ("dealer_link_id","chekt_id")
);

-- CreateTable
CREATE TABLE "mirror_arming" (
    "dealer_link_id" TEXT NOT NULL,
    "site_id" INTEGER NOT NULL,
    "security_type" INTEGER NOT NULL,
    "dto" JSONB NOT NULL,
    "confirmed_at" TIMESTAMP(3) NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "mirror_arming_pkey" PRIMARY KEY ("dealer_link_id","site_id")
);

-- CreateTable
CREATE TABLE "mirror_syncs" (
    "dealer_link_id" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'idle',
    "first_sync" BOOLEAN NOT NULL DEFAULT true,
    "phase" TEXT,
    "done" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER,
    "started_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),
    "last_error" TEXT,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "mirror_syncs_pkey" PRIMARY KEY ("dealer_link_id")
);

-- CreateIndex
CREATE INDEX "mirror_stations_dealer_link_id_name_idx" ON "mirror_stations"("dealer_link_id", "name");

-- CreateIndex
CREATE INDEX "mirror_sites_dealer_link_id_name_idx" ON "mirror_sites"("dealer_link_id", "name");

-- CreateIndex
CREATE INDEX "mirror_sites_dealer_link_id_account_number_idx" ON "mirror_sites"("dealer_link_id", "account_number");

-- CreateIndex
CREATE INDEX "mirror_sites_dealer_link_id_station_id_idx" ON "mirror_sites"("dealer_link_id", "station_id");

-- CreateIndex
CREATE INDEX "mirror_sites_dealer_link_id_external_id_idx" ON "mirror_sites"("dealer_link_id", "external_id");

-- CreateIndex
CREATE INDEX "mirror_sites_search_text_idx" ON "mirror_sites" USING GIN ("search_text" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "mirror_contacts_dealer_link_id_site_id_idx" ON "mirror_contacts"("dealer_link_id", "site_id");

-- CreateIndex
CREATE INDEX "mirror_devices_dealer_link_id_site_id_idx" ON "mirror_devices"("dealer_link_id", "site_id");

-- CreateIndex
CREATE INDEX "mirror_devices_dealer_link_id_status_idx" ON "mirror_devices"("dealer_link_id", "status");

-- CreateIndex
CREATE INDEX "mirror_devices_dealer_link_id_external_id_idx" ON "mirror_devices"("dealer_link_id", "external_id");
