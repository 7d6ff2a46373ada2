// Progress of one bulk job, polled by the job page every second while it runs.
// ?items=all|failed adds the per-row results.
import { NextResponse, type NextRequest } from "next/server";
import { refusedNotFoundJson, requireRouteDealer } from "@/lib/auth/require";
import { prisma } from "@/lib/db";
import { readJobProgress, readJobItems, type JobAnswer } from "@/lib/bulk/jobs";
import { explainDuplicates } from "@/lib/bulk/duplicates";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest, { params }: { params: Promise<{ jobId: string }> }) {
  const { user, dealer, denied } = await requireRouteDealer("viewer");
  if (denied) return denied;
  const { jobId } = await params;
  const progress = await readJobProgress(prisma, jobId, dealer.id);
  if (!progress) return refusedNotFoundJson({ user, dealer }, "bulk_job", jobId, request);
  const which = request.nextUrl.searchParams.get("items");
  const items =
    which === "all" || which === "failed"
      ? await explainDuplicates(prisma, dealer.id, await readJobItems(prisma, jobId, which))
      : undefined;
  // The shape the job page checks it against (lib/bulk/job-schemas.ts).
  const answer = { job: progress, items } satisfies JobAnswer;
  return NextResponse.json(answer, { headers: { "cache-control": "no-store" } });
}
