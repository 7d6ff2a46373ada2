import "server-only";
import { randomUUID } from "node:crypto";
import { writeAudit } from "@/lib/audit";
import type { AuditObjectKind } from "@/lib/audit-kinds";
import { pageDealerOf, refusedNotFoundJson, requireRouteDealer, type DealerBound } from "@/lib/auth/require";
import { prisma } from "@/lib/db";
import { verificationIdSchema } from "./schemas";

/**
 * The GET handler of an /api/live/verifications/[id]/… read: the viewer's dealer and the id are
 * checked (signed out, no dealer, another than the page's, or an id that is not one is refused), then `load` answers as
 * private JSON, or null when the dealer has no such verification (a 404, logged as refused).
 */
export function verificationRead<T>(load: (scope: DealerBound & { id: string }) => Promise<T | null>) {
  return async function GET(request: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
    const { user, dealer, denied } = await requireRouteDealer("viewer", { dealer: pageDealerOf(request) });
    if (denied) return denied;
    const id = verificationIdSchema.safeParse((await ctx.params).id);
    if (!id.success) {
      const message = id.error.issues[0]?.message ?? "Bad verification id";
      return Response.json({ error: { code: "bad_id", message } }, { status: 400 });
    }
    const body = await load({ user, dealer, id: id.data });
    if (body === null) return refusedNotFoundJson({ user, dealer }, "verification", id.data, request);
    return Response.json(body, { headers: { "cache-control": "private, no-store" } });
  };
}

/**
 * A CSV download of the desk's data. Who took a copy, and of what, is history too: the audit row
 * (`action`, `objectKind`, `after`) is written first, under the trace id the answer carries.
 */
export async function auditedCsv(
  { user, dealer }: DealerBound,
  audit: { action: string; objectKind: AuditObjectKind; after: unknown },
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
