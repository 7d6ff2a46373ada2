-- CreateTable
CREATE TABLE "fleet_settings" (
    "dealer_link_id" TEXT NOT NULL,
    "offline_threshold_min" INTEGER NOT NULL DEFAULT 30,
    "smtp_host" TEXT,
    "smtp_port" INTEGER,
    "smtp_user" TEXT,
    "smtp_password_sealed" TEXT,
    "smtp_from" TEXT,
    "smtp_recipients" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "fleet_settings_pkey" PRIMARY KEY ("dealer_link_id")
);

-- CreateTable
CREATE TABLE "fleet_alerts" (
    "id" TEXT NOT NULL,
    "dealer_link_id" TEXT NOT NULL,
    "device_id" INTEGER NOT NULL,
    "site_id" INTEGER NOT NULL,
    "device_name" TEXT NOT NULL,
    "offline_since" TIMESTAMP(3) NOT NULL,
    "raised_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cleared_at" TIMESTAMP(3),
    "emailed_at" TIMESTAMP(3),
    "email_error" TEXT,

    CONSTRAINT "fleet_alerts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "fleet_alerts_dealer_link_id_cleared_at_raised_at_idx" ON "fleet_alerts"("dealer_link_id", "cleared_at", "raised_at");

-- CreateIndex
CREATE UNIQUE INDEX "fleet_alerts_dealer_link_id_device_id_offline_since_key" ON "fleet_alerts"("dealer_link_id", "device_id", "offline_since");

-- CreateIndex
CREATE INDEX "mirror_devices_dealer_link_id_status_status_at_idx" ON "mirror_devices"("dealer_link_id", "status", "status_at");

-- CreateIndex
CREATE INDEX "mirror_devices_dealer_link_id_firmware_idx" ON "mirror_devices"("dealer_link_id", "firmware");
