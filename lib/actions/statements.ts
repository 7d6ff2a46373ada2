import "server-only";
// Writes as single SQL statements, for a commit that sends its change and its audit row in one
// round trip (lib/actions/commit.ts): no BEGIN, no COMMIT, no row read back. Each one does what
// its Prisma twin does (lib/mappings.ts upsertMapping, lib/mirror/write.ts mirrorSite with how "write").
import { randomUUID } from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client";
import type { MappingRow } from "@/lib/mappings";

export { sitesWriteSql } from "@/lib/mirror/batch";

/** upsertMapping() as one statement: the (dealer link, kind, CHeKT id) row gets this external ID. */
export function mappingUpsertSql(m: MappingRow): Prisma.Sql {
  const now = Prisma.sql`${new Date().toISOString()}::timestamptz AT TIME ZONE 'UTC'`;
  return Prisma.sql`
    INSERT INTO external_id_mappings (id, dealer_link_id, kind, chekt_id, external_id, parent_chekt_id, created_at,
                                      updated_at)
    VALUES (${randomUUID()}, ${m.dealerLinkId}, ${m.kind}::"MappingKind", ${String(m.chektId)}, ${m.externalId},
            ${m.parentChektId == null ? null : String(m.parentChektId)}, ${now}, ${now})
    ON CONFLICT (dealer_link_id, kind, chekt_id) DO UPDATE SET
      external_id = EXCLUDED.external_id, parent_chekt_id = EXCLUDED.parent_chekt_id, updated_at = EXCLUDED.updated_at`;
}
