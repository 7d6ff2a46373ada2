// A bulk job of one row as CHeKT's refusal leaves it (the row failed with a 409, the job failed), for the
// files that retry failed rows: device jobs (bulk-retry-once.test.ts) and site imports (import-retry-once.test.ts).
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** Marks job `jobId`'s row failed as CHeKT's refusal would, and the job failed: the job and its row's id. */
export async function failOnlyRow(prisma: PrismaClient, jobId: string): Promise<{ jobId: string; itemId: string }> {
  await prisma.bulkItem.updateMany({
    where: { jobId },
    data: { state: "failed", statusCode: 409, errorMessage: "refused" },
  });
  await prisma.bulkJob.update({ where: { id: jobId }, data: { state: "failed" } });
  const item = await prisma.bulkItem.findFirstOrThrow({ where: { jobId } });
  return { jobId, itemId: item.id };
}
