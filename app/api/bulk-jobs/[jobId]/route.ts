// Progress of one bulk job, polled by the job page every second while it runs.
// ?items=all|failed adds the per-row results.
import { NextResponse, type NextRequest } from "next/server";
import { requireRouteRole } from "@/lib/auth/require";
import { getCurrentDealer } from "@/lib/dealer";
import { prisma } from "@/lib/db";
import { readJobProgress, readJobItems } from "@/lib/bulk/jobs";
import { explainDuplicates } from "@/lib/bulk/duplicates";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest, { params }: { params: Promise<{ jobId: string }> }) {
  const { denied } = await requireRouteRole("viewer");
  if (denied) return denied;
  const dealer = await getCurrentDealer();
  if (!dealer) return NextResponse.json({ error: { code: "no_dealer", message: "No dealer connected." } }, { status: 409 });
  const { jobId } = await params;
  const progress = await readJobProgress(prisma, jobId, dealer.id);
  if (!progress) return NextResponse.json({ error: { code: "not_found", message: "No such job for this dealer." } }, { status: 404 });
  const which = request.nextUrl.searchParams.get("items");
  const items =
    which === "all" || which === "failed" ? await explainDuplicates(prisma, dealer.id, await readJobItems(prisma, jobId, which)) : undefined;
  return NextResponse.json({ job: progress, items }, { headers: { "cache-control": "no-store" } });
}
