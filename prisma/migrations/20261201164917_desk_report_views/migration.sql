-- CreateTable
CREATE TABLE "verification_views" (
    "dealer_link_id" TEXT NOT NULL,
    "verification_id" TEXT NOT NULL,
    "user_id" TEXT,
    "user_name" TEXT,
    "first_viewed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "verification_views_pkey" PRIMARY KEY ("dealer_link_id","verification_id")
);
