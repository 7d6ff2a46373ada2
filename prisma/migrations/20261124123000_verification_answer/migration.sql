-- The answer to a verification: which action, the Idempotency-Key kept before sending, and CHeKT's refusal if any.
ALTER TABLE "verifications" ADD COLUMN "answer_action" TEXT;
ALTER TABLE "verifications" ADD COLUMN "answer_idempotency_key" TEXT;
ALTER TABLE "verifications" ADD COLUMN "answer_error" TEXT;
