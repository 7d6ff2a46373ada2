-- AlterTable
ALTER TABLE "bulk_jobs" ADD COLUMN     "trace_id" TEXT;

-- Jobs stored before the column: the trace id of the action's row that started the job (its earliest success
-- row naming the job), where one exists.
UPDATE "bulk_jobs" j SET "trace_id" = s.trace_id
FROM (
  SELECT DISTINCT ON (external_id) external_id, trace_id
  FROM "audit_log"
  WHERE object_kind = 'bulk_job' AND outcome = 'success' AND trace_id IS NOT NULL AND external_id IS NOT NULL
  ORDER BY external_id, at
) s
WHERE s.external_id = j.id;
