// Drift between what Postgres maps (ExternalIdMapping) and what CHeKT lists for one dealer.
// Pure: the page fetches both sides, this decides what differs and what an admin may do about it.

import { MappingKind } from "@/lib/generated/prisma/enums";
import { fromKeys, keysOf } from "@/lib/keys-of";

/** What the mapping table maps: its MappingKind enum. */
export type DriftKind = MappingKind;

export type MappingRow = {
  id: string;
  kind: DriftKind;
  chektId: string;
  externalId: string;
  parentChektId: string | null;
};

export type ChektObject = {
  kind: DriftKind;
  chektId: string;
  externalId: string | null;
  parentChektId: string | null;
  name: string;
};

/** One object as the drift check compares it: ids as text, the parent only for a site's children. */
export const chektObject = (
  kind: DriftKind,
  chektId: number,
  externalId: unknown,
  parentChektId: number | null,
  name: string,
): ChektObject => ({
  kind,
  chektId: String(chektId),
  externalId: externalId === null || externalId === undefined ? null : String(externalId),
  parentChektId: parentChektId === null ? null : String(parentChektId),
  name,
});

export type DriftIssue =
  /** We map a CHeKT id CHeKT no longer lists (deleted on CHeKT, or re-created under a new id). */
  | { type: "missing_in_chekt"; kind: DriftKind; mapping: MappingRow; sameExternal?: ChektObject }
  /** CHeKT lists an object we have no mapping for. */
  | { type: "missing_locally"; kind: DriftKind; object: ChektObject }
  /** Both exist under the same CHeKT id but carry different external ids. */
  | { type: "external_id_mismatch"; kind: DriftKind; mapping: MappingRow; object: ChektObject };

export type DriftReport = {
  issues: DriftIssue[];
  counts: Record<DriftKind, { mapped: number; chekt: number; inSync: number }>;
};

const KINDS = keysOf(MappingKind);
const key = (kind: DriftKind, id: string) => `${kind}:${id}`;

/**
 * `coveredParents`: the CHeKT site ids whose contacts and devices were listed. A contact or device
 * mapping under a site that could not be listed is not reported missing: absence of evidence.
 */
export function compareMappings(
  mappings: MappingRow[],
  objects: ChektObject[],
  coveredParents: Set<string>,
): DriftReport {
  const byChektId = new Map(objects.map((o) => [key(o.kind, o.chektId), o]));
  const byExternal = new Map(objects.filter((o) => o.externalId).map((o) => [key(o.kind, o.externalId!), o]));
  const mappedChekt = new Set(mappings.map((m) => key(m.kind, m.chektId)));
  const mappedExternal = new Set(mappings.map((m) => key(m.kind, m.externalId)));
  const counts = fromKeys(KINDS, () => ({ mapped: 0, chekt: 0, inSync: 0 }));
  for (const o of objects) counts[o.kind].chekt++;

  const issues: DriftIssue[] = [];
  for (const m of mappings) {
    counts[m.kind].mapped++;
    const obj = byChektId.get(key(m.kind, m.chektId));
    if (!obj) {
      const childOfUnlisted =
        (m.kind === "contact" || m.kind === "device") && (!m.parentChektId || !coveredParents.has(m.parentChektId));
      if (childOfUnlisted && !byExternal.has(key(m.kind, m.externalId))) continue;
      issues.push({
        type: "missing_in_chekt",
        kind: m.kind,
        mapping: m,
        sameExternal: byExternal.get(key(m.kind, m.externalId)),
      });
    } else if (obj.externalId !== null && obj.externalId !== m.externalId) {
      issues.push({ type: "external_id_mismatch", kind: m.kind, mapping: m, object: obj });
    } else counts[m.kind].inSync++;
  }
  for (const o of objects) {
    if (mappedChekt.has(key(o.kind, o.chektId))) continue;
    // Re-created on CHeKT under a new id: already reported (with its fix) as missing_in_chekt.
    if (o.externalId && mappedExternal.has(key(o.kind, o.externalId))) continue;
    issues.push({ type: "missing_locally", kind: o.kind, object: o });
  }
  return { issues, counts };
}
