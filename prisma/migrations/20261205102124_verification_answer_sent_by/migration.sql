-- Who stored an answer (lib/verifications/answer-prepare.ts); one stored before this has none and is
-- recorded as answered by whoever records it, as before.
-- AlterTable
ALTER TABLE "verifications" ADD COLUMN     "answer_sent_by_id" TEXT,
ADD COLUMN     "answer_sent_by_name" TEXT;
