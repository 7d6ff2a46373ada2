-- AlterTable
ALTER TABLE "verifications" ADD COLUMN     "lease_expires_at" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "snapshot_images" (
    "dealer_link_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "size" INTEGER NOT NULL,
    "fetched_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "snapshot_images_pkey" PRIMARY KEY ("dealer_link_id","key")
);

-- CreateIndex
CREATE INDEX "snapshot_images_fetched_at_idx" ON "snapshot_images"("fetched_at");

-- Claims made before leases existed get one short lease, then lapse like any other.
UPDATE "verifications" SET "lease_expires_at" = CURRENT_TIMESTAMP + interval '1 minute' WHERE "state" = 'claimed';
