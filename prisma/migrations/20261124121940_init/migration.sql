-- CreateEnum
CREATE TYPE "Role" AS ENUM ('admin', 'operator', 'viewer');

-- CreateEnum
CREATE TYPE "MappingKind" AS ENUM ('dealer', 'site', 'monitoring_station', 'contact', 'device');

-- CreateEnum
CREATE TYPE "VerificationState" AS ENUM ('pending', 'claimed', 'dispatched', 'disregarded', 'expired', 'cancelled');

-- CreateEnum
CREATE TYPE "BulkKind" AS ENUM ('create', 'update', 'delete');

-- CreateEnum
CREATE TYPE "BulkJobState" AS ENUM ('queued', 'running', 'done', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "BulkItemState" AS ENUM ('pending', 'sending', 'succeeded', 'failed', 'skipped');

-- CreateTable
CREATE TABLE "users" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'viewer',
    "disabled_at" TIMESTAMP(3),
    "session_version" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "login_attempts" (
    "id" BIGSERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "success" BOOLEAN NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "login_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dealer_links" (
    "id" TEXT NOT NULL,
    "chekt_dealer_id" INTEGER NOT NULL,
    "external_dealer_id" TEXT NOT NULL,
    "company_name" TEXT NOT NULL,
    "connected_at" TIMESTAMP(3),
    "disconnected_at" TIMESTAMP(3),
    "webhook_secret_enc" TEXT,
    "api_key_enc" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "dealer_links_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "external_id_mappings" (
    "id" TEXT NOT NULL,
    "dealer_link_id" TEXT NOT NULL,
    "kind" "MappingKind" NOT NULL,
    "chekt_id" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "parent_chekt_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "external_id_mappings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "user_id" TEXT,
    "user_email" TEXT,
    "action" TEXT NOT NULL,
    "object_kind" TEXT NOT NULL,
    "chekt_id" TEXT,
    "external_id" TEXT,
    "dealer_link_id" TEXT,
    "trace_id" TEXT,
    "before" JSONB,
    "after" JSONB,
    "outcome" TEXT NOT NULL,
    "error" TEXT,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_deliveries" (
    "id" BIGSERIAL NOT NULL,
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dealer_key" TEXT NOT NULL,
    "dealer_link_id" TEXT,
    "event_id" TEXT,
    "event_type" TEXT,
    "delivery_id" TEXT,
    "attempt" INTEGER,
    "verdict" TEXT NOT NULL,
    "reason" TEXT,
    "body_bytes" INTEGER NOT NULL,

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_events" (
    "id" TEXT NOT NULL,
    "dealer_link_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "payload" JSONB NOT NULL,
    "duplicate_count" INTEGER NOT NULL DEFAULT 0,
    "apply_status" TEXT NOT NULL DEFAULT 'pending',
    "apply_note" TEXT,
    "applied_at" TIMESTAMP(3),
    "source" TEXT NOT NULL DEFAULT 'webhook',

    CONSTRAINT "webhook_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alarms" (
    "id" TEXT NOT NULL,
    "dealer_link_id" TEXT NOT NULL,
    "site_id" INTEGER,
    "device_id" INTEGER,
    "priority" TEXT,
    "trigger" TEXT,
    "location" TEXT,
    "snapshot_url" TEXT,
    "state" TEXT NOT NULL DEFAULT 'open',
    "resolution" TEXT,
    "notes" TEXT,
    "seen_created" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3),
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "alarms_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "verifications" (
    "id" TEXT NOT NULL,
    "dealer_link_id" TEXT NOT NULL,
    "alarm_id" TEXT,
    "site_id" INTEGER NOT NULL,
    "device_id" INTEGER,
    "zone_number" TEXT,
    "contact_id" INTEGER,
    "event_code" TEXT,
    "description" TEXT,
    "occurred_at" TIMESTAMP(3) NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "state" "VerificationState" NOT NULL DEFAULT 'pending',
    "claimed_by_id" TEXT,
    "claimed_by_name" TEXT,
    "claimed_at" TIMESTAMP(3),
    "answered_by_id" TEXT,
    "answered_by_name" TEXT,
    "answered_at" TIMESTAMP(3),
    "answer_contact_id" INTEGER,
    "answer_trace_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "verifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "snapshots" (
    "id" TEXT NOT NULL,
    "dealer_link_id" TEXT NOT NULL,
    "alarm_id" TEXT,
    "site_id" INTEGER,
    "device_id" INTEGER,
    "url" TEXT NOT NULL,
    "captured_at" TIMESTAMP(3) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "snapshots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "device_statuses" (
    "dealer_link_id" TEXT NOT NULL,
    "chekt_device_id" INTEGER NOT NULL,
    "site_id" INTEGER,
    "status" TEXT,
    "firmware" TEXT,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "device_statuses_pkey" PRIMARY KEY ("dealer_link_id","chekt_device_id")
);

-- CreateTable
CREATE TABLE "sync_cursors" (
    "dealer_link_id" TEXT NOT NULL,
    "stream" TEXT NOT NULL,
    "cursor" TEXT,
    "last_seen_at" TIMESTAMP(3),
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "sync_cursors_pkey" PRIMARY KEY ("dealer_link_id","stream")
);

-- CreateTable
CREATE TABLE "bulk_jobs" (
    "id" TEXT NOT NULL,
    "dealer_link_id" TEXT NOT NULL,
    "chekt_site_id" INTEGER NOT NULL,
    "kind" "BulkKind" NOT NULL,
    "state" "BulkJobState" NOT NULL DEFAULT 'queued',
    "created_by_id" TEXT,
    "created_by_email" TEXT,
    "total" INTEGER NOT NULL DEFAULT 0,
    "succeeded" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "bulk_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bulk_chunks" (
    "id" TEXT NOT NULL,
    "job_id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "first_sent_at" TIMESTAMP(3),
    "last_sent_at" TIMESTAMP(3),
    "trace_ids" TEXT[],
    "last_error" TEXT,

    CONSTRAINT "bulk_chunks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bulk_items" (
    "id" TEXT NOT NULL,
    "job_id" TEXT NOT NULL,
    "chunk_id" TEXT,
    "position" INTEGER NOT NULL,
    "external_device_id" TEXT,
    "chekt_device_id" INTEGER,
    "payload" JSONB NOT NULL,
    "state" "BulkItemState" NOT NULL DEFAULT 'pending',
    "status_code" INTEGER,
    "error_message" TEXT,
    "result" JSONB,
    "retry_of_id" TEXT,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "bulk_items_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "login_attempts_email_created_at_idx" ON "login_attempts"("email", "created_at");

-- CreateIndex
CREATE INDEX "login_attempts_ip_created_at_idx" ON "login_attempts"("ip", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "dealer_links_chekt_dealer_id_key" ON "dealer_links"("chekt_dealer_id");

-- CreateIndex
CREATE UNIQUE INDEX "dealer_links_external_dealer_id_key" ON "dealer_links"("external_dealer_id");

-- CreateIndex
CREATE UNIQUE INDEX "external_id_mappings_dealer_link_id_kind_external_id_key" ON "external_id_mappings"("dealer_link_id", "kind", "external_id");

-- CreateIndex
CREATE UNIQUE INDEX "external_id_mappings_dealer_link_id_kind_chekt_id_key" ON "external_id_mappings"("dealer_link_id", "kind", "chekt_id");

-- CreateIndex
CREATE INDEX "audit_log_at_idx" ON "audit_log"("at");

-- CreateIndex
CREATE INDEX "audit_log_user_id_at_idx" ON "audit_log"("user_id", "at");

-- CreateIndex
CREATE INDEX "audit_log_object_kind_chekt_id_idx" ON "audit_log"("object_kind", "chekt_id");

-- CreateIndex
CREATE INDEX "webhook_deliveries_received_at_idx" ON "webhook_deliveries"("received_at");

-- CreateIndex
CREATE INDEX "webhook_deliveries_event_id_idx" ON "webhook_deliveries"("event_id");

-- CreateIndex
CREATE INDEX "webhook_events_dealer_link_id_received_at_idx" ON "webhook_events"("dealer_link_id", "received_at");

-- CreateIndex
CREATE INDEX "webhook_events_type_idx" ON "webhook_events"("type");

-- CreateIndex
CREATE INDEX "alarms_dealer_link_id_idx" ON "alarms"("dealer_link_id");

-- CreateIndex
CREATE INDEX "verifications_dealer_link_id_state_expires_at_idx" ON "verifications"("dealer_link_id", "state", "expires_at");

-- CreateIndex
CREATE INDEX "verifications_alarm_id_idx" ON "verifications"("alarm_id");

-- CreateIndex
CREATE INDEX "snapshots_alarm_id_idx" ON "snapshots"("alarm_id");

-- CreateIndex
CREATE INDEX "bulk_jobs_dealer_link_id_chekt_site_id_created_at_idx" ON "bulk_jobs"("dealer_link_id", "chekt_site_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "bulk_chunks_idempotency_key_key" ON "bulk_chunks"("idempotency_key");

-- CreateIndex
CREATE UNIQUE INDEX "bulk_chunks_job_id_seq_key" ON "bulk_chunks"("job_id", "seq");

-- CreateIndex
CREATE INDEX "bulk_items_job_id_state_idx" ON "bulk_items"("job_id", "state");

-- CreateIndex
CREATE UNIQUE INDEX "bulk_items_job_id_position_key" ON "bulk_items"("job_id", "position");

-- AddForeignKey
ALTER TABLE "external_id_mappings" ADD CONSTRAINT "external_id_mappings_dealer_link_id_fkey" FOREIGN KEY ("dealer_link_id") REFERENCES "dealer_links"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_events" ADD CONSTRAINT "webhook_events_dealer_link_id_fkey" FOREIGN KEY ("dealer_link_id") REFERENCES "dealer_links"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "verifications" ADD CONSTRAINT "verifications_dealer_link_id_fkey" FOREIGN KEY ("dealer_link_id") REFERENCES "dealer_links"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bulk_jobs" ADD CONSTRAINT "bulk_jobs_dealer_link_id_fkey" FOREIGN KEY ("dealer_link_id") REFERENCES "dealer_links"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bulk_chunks" ADD CONSTRAINT "bulk_chunks_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "bulk_jobs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bulk_items" ADD CONSTRAINT "bulk_items_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "bulk_jobs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bulk_items" ADD CONSTRAINT "bulk_items_chunk_id_fkey" FOREIGN KEY ("chunk_id") REFERENCES "bulk_chunks"("id") ON DELETE SET NULL ON UPDATE CASCADE;
