-- AlterTable
ALTER TABLE "verifications" ADD COLUMN     "answer_outcome_id" TEXT,
ADD COLUMN     "answer_outcome_label" TEXT,
ADD COLUMN     "answer_steps" JSONB;

-- CreateTable
CREATE TABLE "desk_outcomes" (
    "id" TEXT NOT NULL,
    "dealer_link_id" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "position" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "desk_outcomes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "desk_checklists" (
    "dealer_link_id" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "site_id" INTEGER,
    "steps" JSONB NOT NULL,
    "updated_by_name" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "desk_checklists_pkey" PRIMARY KEY ("dealer_link_id","scope")
);

-- CreateTable
CREATE TABLE "desk_annotations" (
    "dealer_link_id" TEXT NOT NULL,
    "verification_id" TEXT NOT NULL,
    "alarm_id" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "body" JSONB NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_error" TEXT,
    "chekt_id" TEXT,
    "sent_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "desk_annotations_pkey" PRIMARY KEY ("dealer_link_id","verification_id")
);

-- CreateIndex
CREATE INDEX "desk_outcomes_dealer_link_id_position_idx" ON "desk_outcomes"("dealer_link_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "desk_outcomes_dealer_link_id_label_key" ON "desk_outcomes"("dealer_link_id", "label");

-- CreateIndex
CREATE INDEX "desk_annotations_state_next_attempt_at_idx" ON "desk_annotations"("state", "next_attempt_at");

-- An outcome maps to one of CHeKT's two answers; anything else is a bug, refused by the database too.
ALTER TABLE "desk_outcomes" ADD CONSTRAINT "desk_outcomes_kind_check" CHECK ("kind" IN ('dispatch', 'disregard'));
