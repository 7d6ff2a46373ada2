-- CreateTable
CREATE TABLE "site_directions" (
    "dealer_link_id" TEXT NOT NULL,
    "site_id" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "updated_by_id" TEXT,
    "updated_by_name" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "site_directions_pkey" PRIMARY KEY ("dealer_link_id","site_id")
);

-- CreateTable
CREATE TABLE "verification_notes" (
    "id" TEXT NOT NULL,
    "dealer_link_id" TEXT NOT NULL,
    "verification_id" TEXT NOT NULL,
    "author_id" TEXT,
    "author_name" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "verification_notes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "verification_notes_dealer_link_id_verification_id_created_a_idx" ON "verification_notes"("dealer_link_id", "verification_id", "created_at");
