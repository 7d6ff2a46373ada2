-- CreateTable
CREATE TABLE "desk_escalation_settings" (
    "dealer_link_id" TEXT NOT NULL,
    "unclaimed_seconds" INTEGER NOT NULL,
    "remaining_seconds" INTEGER NOT NULL,
    "updated_by_name" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "desk_escalation_settings_pkey" PRIMARY KEY ("dealer_link_id")
);
