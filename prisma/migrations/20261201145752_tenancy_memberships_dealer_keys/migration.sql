-- DropIndex
DROP INDEX "alarms_dealer_link_id_idx";

-- DropIndex
DROP INDEX "snapshots_alarm_id_idx";

-- DropIndex
DROP INDEX "verifications_alarm_id_idx";

-- AlterTable
ALTER TABLE "alarms" DROP CONSTRAINT "alarms_pkey",
ADD CONSTRAINT "alarms_pkey" PRIMARY KEY ("dealer_link_id", "id");

-- AlterTable
ALTER TABLE "snapshots" DROP CONSTRAINT "snapshots_pkey",
ADD CONSTRAINT "snapshots_pkey" PRIMARY KEY ("dealer_link_id", "id");

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "is_owner" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "verifications" DROP CONSTRAINT "verifications_pkey",
ADD CONSTRAINT "verifications_pkey" PRIMARY KEY ("dealer_link_id", "id");

-- AlterTable
ALTER TABLE "webhook_events" DROP CONSTRAINT "webhook_events_pkey",
ADD CONSTRAINT "webhook_events_pkey" PRIMARY KEY ("dealer_link_id", "id");

-- CreateTable
CREATE TABLE "memberships" (
    "user_id" TEXT NOT NULL,
    "dealer_link_id" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "memberships_pkey" PRIMARY KEY ("user_id","dealer_link_id")
);

-- CreateIndex
CREATE INDEX "memberships_dealer_link_id_idx" ON "memberships"("dealer_link_id");

-- CreateIndex
CREATE INDEX "snapshots_dealer_link_id_alarm_id_idx" ON "snapshots"("dealer_link_id", "alarm_id");

-- CreateIndex
CREATE INDEX "verifications_dealer_link_id_alarm_id_idx" ON "verifications"("dealer_link_id", "alarm_id");

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_dealer_link_id_fkey" FOREIGN KEY ("dealer_link_id") REFERENCES "dealer_links"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Upgrade without lock-out: every existing user becomes a member of every existing dealer link
-- with the role they had, and the oldest enabled admin becomes the organisation owner.
INSERT INTO "memberships" ("user_id", "dealer_link_id", "role", "updated_at")
SELECT u."id", d."id", u."role", CURRENT_TIMESTAMP FROM "users" u CROSS JOIN "dealer_links" d
ON CONFLICT DO NOTHING;

UPDATE "users" SET "is_owner" = true
WHERE "id" = (SELECT "id" FROM "users" WHERE "role" = 'admin' AND "disabled_at" IS NULL ORDER BY "created_at", "id" LIMIT 1)
  AND NOT EXISTS (SELECT 1 FROM "users" WHERE "is_owner");
