import type { Operation } from "./contract";
import type { ContractRequest } from "./contract-request";
import type { FieldError } from "./errors";
import { siteBodyErrors } from "./partner";

/** Body checks beyond the schema, reported together with the schema's errors. */
const EXTRA_BODY_CHECKS: Record<string, (body: unknown) => FieldError[]> = {
  createSite: siteBodyErrors,
  updateSite: siteBodyErrors,
};

/** Bulk bodies are validated item by item (a bad item is a failed result, not a 400). */
const ITEMWISE = new Set(["bulkCreateDevices", "bulkUpdateDevices"]);
/** These read form bodies / render HTML errors themselves. */
export const SELF_VALIDATING = new Set(["issueToken", "authorize", "approveAuthorization"]);

/**
 * Adds a JSON body's errors: required, an array for the bulk operations, else the schema's, then the extra
 * checks' for fields no error names yet.
 */
function addJsonBodyErrors(op: Operation, body: unknown, errors: FieldError[]) {
  if (body === undefined) {
    if (op.bodyRequired) errors.push({ field: "body", message: "a JSON request body is required" });
  } else if (ITEMWISE.has(op.operationId)) {
    if (!Array.isArray(body)) errors.push({ field: "body", message: "body must be an array of devices" });
    else if (body.length === 0) errors.push({ field: "body", message: "body must have at least 1 item" });
  } else {
    errors.push(...op.validateBody(body));
    const extra = EXTRA_BODY_CHECKS[op.operationId]?.(body) ?? [];
    for (const e of extra) if (!errors.some((x) => x.field === e.field)) errors.push(e);
  }
}

/** An operation without a body refuses one (an empty object passes, and DELETE's is not looked at). */
function unexpectedBody(op: Operation, req: ContractRequest): boolean {
  const body: unknown = req.body;
  return (
    op.bodyType === null &&
    body !== undefined &&
    body !== null &&
    req.method !== "DELETE" &&
    !(typeof body === "object" && Object.keys(body).length === 0)
  );
}

/**
 * The document's checks on a request: path, query and headers (coerced to their declared types in
 * place, so pass copies), then the body.
 */
export function requestErrors(
  op: Operation,
  req: ContractRequest,
  input: { params: Record<string, unknown>; query: Record<string, unknown>; headers: Record<string, unknown> },
): FieldError[] {
  const errors = [
    ...op.validatePath(input.params),
    ...op.validateQuery(input.query),
    ...op.validateHeaders(input.headers),
  ];
  if (op.bodyType === "application/json") addJsonBodyErrors(op, req.body, errors);
  else if (unexpectedBody(op, req)) errors.push({ field: "body", message: "this operation takes no request body" });
  return errors;
}
