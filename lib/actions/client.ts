import "server-only";
import { randomUUID } from "node:crypto";
import { createSafeActionClient } from "next-safe-action";
import { z } from "zod";
import { getSessionUser, type SessionUser } from "@/lib/auth/session";
import { writeAudit, type AuditEntry } from "@/lib/audit";
import { prisma } from "@/lib/db";
import { hasRole, ROLES } from "@/lib/roles";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ActionError, type ActionFailure } from "./errors";

// Every server action is built from this one client: the session, the role the action declares,
// its zod input and its audit row are handled here once, so no action can forget one of them.
const metadataSchema = z.object({
  /** Stable name, e.g. "sites.update"; also the audit action. */
  name: z.string(),
  role: z.enum(ROLES),
  objectKind: z.string().optional(),
  /** Reads change nothing and write no audit row. */
  readOnly: z.boolean().optional(),
});
export type ActionMetadata = z.infer<typeof metadataSchema>;

/** Anything that knows how to describe itself to a user (ChektError does). */
type Describable = { toActionFailure(): ActionFailure };
function isDescribable(e: unknown): e is Describable {
  return typeof e === "object" && e !== null && typeof (e as Describable).toActionFailure === "function";
}

export function toActionFailure(error: unknown, traceId?: string): ActionFailure {
  if (error instanceof ActionError) {
    return { code: error.code, message: error.message, fieldErrors: error.fieldErrors, traceId };
  }
  if (isDescribable(error)) return { traceId, ...error.toActionFailure() };
  return { code: "internal", message: "Something went wrong on our side. Nothing was saved.", traceId };
}

function auditError(result: { serverError?: unknown; validationErrors?: unknown }): string | undefined {
  const failure = result.serverError as Partial<ActionFailure> | undefined;
  if (failure) return `${failure.code ?? "error"}: ${failure.message ?? ""}`;
  return result.validationErrors ? "invalid_input: the input did not pass the schema" : undefined;
}

export type ActionContext = {
  user: SessionUser;
  traceId: string;
  /**
   * Runs `fn` and the audit row in one Postgres transaction (mapping + audit stay consistent).
   * Call it after CHeKT has accepted the change.
   */
  commit<T>(entry: Omit<AuditEntry, "user" | "outcome" | "traceId"> & { traceId?: string }, fn?: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T | undefined>;
};

export const actionClient = createSafeActionClient({
  defineMetadataSchema: () => metadataSchema,
  handleServerError: (error) => toActionFailure(error),
  defaultValidationErrorsShape: "flattened",
}).use(async ({ next, metadata }) => {
  const user = await getSessionUser();
  if (!user) throw new ActionError("unauthenticated", "Your session has ended. Sign in again; nothing was saved.");
  const traceId = randomUUID();
  if (!hasRole(user.role, metadata.role)) {
    await writeAudit(prisma, {
      action: metadata.name,
      objectKind: metadata.objectKind ?? "action",
      outcome: "refused",
      error: `role ${user.role} lacks ${metadata.role}`,
      traceId,
      user,
    });
    throw new ActionError("forbidden", `Only ${metadata.role === "admin" ? "an admin" : `an ${metadata.role} or admin`} can do this.`);
  }

  let audited = false;
  const ctx: ActionContext = {
    user,
    traceId,
    async commit(entry, fn) {
      audited = true;
      return prisma.$transaction(async (tx) => {
        const out = fn ? await fn(tx) : undefined;
        await writeAudit(tx, { ...entry, traceId: entry.traceId ?? traceId, outcome: "success", user });
        return out;
      });
    },
  };

  try {
    const result = await next({ ctx });
    if (!metadata.readOnly && !audited) {
      // A mutation that did not describe itself still leaves a trace.
      await writeAudit(prisma, {
        action: metadata.name,
        objectKind: metadata.objectKind ?? "action",
        outcome: result.success === false ? "failure" : "success",
        // next-safe-action hands thrown errors back as result.serverError (they never reach the
        // catch below), so the reason is taken from there.
        error: auditError(result),
        traceId,
        user,
      });
    }
    return result;
  } catch (error) {
    if (!metadata.readOnly) {
      const failure = toActionFailure(error, traceId);
      await writeAudit(prisma, {
        action: metadata.name,
        objectKind: metadata.objectKind ?? "action",
        outcome: "failure",
        error: `${failure.code}: ${failure.message}`,
        traceId: failure.traceId ?? traceId,
        user,
      }).catch(() => undefined);
    }
    throw error;
  }
});
