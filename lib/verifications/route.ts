import "server-only";
import { randomUUID } from "node:crypto";
import { writeAudit } from "@/lib/audit";
import { requireRouteDealer, type DealerBound } from "@/lib/auth/require";
import { prisma } from "@/lib/db";
import { verificationIdSchema } from "./schemas";

/**
 * The viewer's dealer and the id of an /api/live/verifications/[id]/… read, or the answer that
 * refuses the request (signed out, no dealer, or an id that is not one).
 */
export async function requireVerificationRead(
  params: Promise<{ id: string }>,
): Promise<(DealerBound & { id: string; denied: null }) | { denied: Response }> {
  const { user, dealer, denied } = await requireRouteDealer("viewer");
  if (denied) return { denied };
  const id = verificationIdSchema.safeParse((await params).id);
  if (!id.success) {
    const message = id.error.issues[0]?.message ?? "Bad verification id";
    return { denied: Response.json({ error: { code: "bad_id", message } }, { status: 400 }) };
  }
  return { user, dealer, id: id.data, denied: null };
}

/**
 * A CSV download of the desk's data. Who took a copy, and of what, is history too: the audit row
 * (`action`, `objectKind`, `after`) is written first, under the trace id the answer carries.
 */
export async function auditedCsv(
  { user, dealer }: DealerBound,
  audit: { action: string; objectKind: string; after: unknown },
  csv: () => string,
  filename: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  const traceId = randomUUID();
  await writeAudit(prisma, { ...audit, dealerLinkId: dealer.id, traceId, outcome: "success", user });
  return new Response(csv(), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
      "x-partner-trace-id": traceId,
      ...headers,
    },
  });
}
