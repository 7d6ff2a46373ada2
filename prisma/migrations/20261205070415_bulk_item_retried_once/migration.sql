-- A failed row is retried once. Two retries sent together before this could both be stored; the later
-- one's item keeps its job but no longer counts as the row's retry (the first job's does), so the index can hold.
UPDATE "bulk_items" b SET "retry_of_id" = NULL
FROM "bulk_jobs" bj
WHERE bj."id" = b."job_id"
  AND b."retry_of_id" IS NOT NULL
  AND EXISTS (
    SELECT 1 FROM "bulk_items" o JOIN "bulk_jobs" oj ON oj."id" = o."job_id"
    WHERE o."retry_of_id" = b."retry_of_id"
      AND (oj."created_at", o."id") < (bj."created_at", b."id")
  );

-- CreateIndex
CREATE UNIQUE INDEX "bulk_items_retry_of_id_key" ON "bulk_items"("retry_of_id");
