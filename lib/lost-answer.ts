import "server-only";
import { ChektError } from "@/lib/chekt/errors";

// A create whose answer was lost (CHeKT made the object, the connection dropped, our action gave up
// before writing anything) is sent again by the user with the same external ID. CHeKT then answers
// 409 "already used". If the object holding that ID is exactly what was sent, it is the first
// attempt: report success and write what the first attempt would have (mapping, mirror, audit).

/** Empty, null and missing mean the same to CHeKT's optional fields. */
function norm(v: unknown): unknown {
  if (v === undefined || v === null || v === "") return null;
  return typeof v === "string" ? v.trim() : v;
}

/** Every field that was sent has the same value in `existing` (fields CHeKT adds are ignored). */
export function sameAsSent(sent: object, existing: object): boolean {
  const have = new Map<string, unknown>(Object.entries(existing));
  return Object.entries(sent).every(([k, v]) => norm(v) === norm(have.get(k)));
}

/** CHeKT's "this external ID is taken" (not an Idempotency-Key reused with another body). */
export function isDuplicateExternalId(e: unknown, field: string): boolean {
  if (!(e instanceof ChektError) || e.status !== 409 || e.code !== "conflict") return false;
  const fields = Object.keys(e.fieldErrors);
  return fields.length === 0 || fields.includes(field);
}

/**
 * `create()`, or, when CHeKT says the external ID is taken, the object `find()` returns for it if it
 * equals `sent`. `recognised` tells the caller it is the earlier attempt's object. A duplicate with
 * other data is CHeKT's refusal, thrown as it came.
 */
export async function createOrRecognise<T extends object>(
  sent: object,
  field: string,
  create: () => Promise<T>,
  find: () => Promise<T | null>,
): Promise<{ object: T; recognised: boolean }> {
  try {
    return { object: await create(), recognised: false };
  } catch (e) {
    if (!isDuplicateExternalId(e, field)) throw e;
    const existing = await find();
    if (existing && sameAsSent(sent, existing)) return { object: existing, recognised: true };
    throw e;
  }
}
