import "server-only";
import { randomUUID } from "node:crypto";
import { createSafeActionClient } from "next-safe-action";
import { z } from "zod";
import { roleNeeded } from "@/lib/auth/require";
import { getSessionUser, type SessionUser } from "@/lib/auth/session";
import { writeAudit, type AuditEntry } from "@/lib/audit";
import { AUDIT_OBJECT_KINDS, type AuditObjectKind } from "@/lib/audit-kinds";
import { prisma } from "@/lib/db";
import {
  isConnected,
  NO_DEALER_MESSAGE,
  roleInDealerLink,
  userAtDealer,
  withDealerRole,
  type MemberDealer,
} from "@/lib/dealer";
import { hasRole, ROLES, type Role } from "@/lib/roles";
import { runInteractive, writeAccepted } from "@/lib/chekt/budget-wait";
import { errorText } from "@/lib/error-text";
import { scopeOf, type DealerScope } from "@/lib/dealer-scope";
import { makeCommit, type Commit } from "./commit";
import { ActionError, type ActionFailure } from "./errors";
import { isRecord } from "@/lib/is-record";

// Every server action is built from this one client: the session, the role the action declares,
// its zod input and its audit row are handled here once, so no action can forget one of them.
const metadataSchema = z.object({
  /** Stable name, e.g. "sites.update"; also the audit action. */
  name: z.string(),
  role: z.enum(ROLES),
  /** What the action changes ("site"); the audit row's object kind unless a commit says otherwise. */
  objectKind: z.enum(AUDIT_OBJECT_KINDS).optional(),
  /** Reads and other actions that change nothing: no audit row (a refusal is still recorded). */
  notAudited: z.boolean().optional(),
  /**
   * "named": the action works on the dealer its input names (`dealerLinkId`, which it must carry),
   * not on the current one: the role is checked there, and the context's dealer, its role and the
   * audit row are that dealer's (see atNamedDealer). Built on namedDealerActionClient.
   */
  dealer: z.literal("named").optional(),
});
export type ActionMetadata = z.infer<typeof metadataSchema>;

/** Anything that knows how to describe itself to a user (ChektError does). */
type Describable = { toActionFailure(): ActionFailure };
function isDescribable(e: unknown): e is Describable {
  return isRecord(e) && typeof e.toActionFailure === "function";
}

/**
 * What a failure says to the user. One on our side (a database error in the commit, say) says
 * "Nothing was saved" only while CHeKT has accepted none of the action's writes; after one it says
 * CHeKT has the change: a resend is recognised (external IDs, idempotent updates, the answer's
 * stored key), so it is safe to send again.
 */
export function toActionFailure(error: unknown, traceId?: string): ActionFailure {
  if (error instanceof ActionError) {
    return { code: error.code, message: error.message, fieldErrors: error.fieldErrors, traceId };
  }
  if (isDescribable(error)) return { traceId, ...error.toActionFailure() };
  if (writeAccepted()) {
    return {
      code: "not_recorded",
      message:
        "CHeKT accepted the change, but the console could not record it. Refresh the page; sending it again " +
        "is safe.",
      traceId,
    };
  }
  return { code: "internal", message: "Something went wrong on our side. Nothing was saved.", traceId };
}

/**
 * next-safe-action's handler for an error the action threw. It runs inside the action's
 * runInteractive scope (the middleware below awaits it within `next`), so writeAccepted() is this
 * action's. A failure on our side is logged with its cause, which the user and the audit row never see.
 */
function handleServerError(error: Error, { ctx, metadata }: { ctx: object; metadata: ActionMetadata }) {
  const failure = toActionFailure(error);
  if (failure.code === "internal" || failure.code === "not_recorded") {
    const traceId = isRecord(ctx) && typeof ctx.traceId === "string" ? ctx.traceId : undefined;
    console.error(
      JSON.stringify({
        at: "action.failed",
        action: metadata.name,
        code: failure.code,
        traceId,
        error: errorText(error),
      }),
    );
  }
  return failure;
}

function auditError(result: { serverError?: ActionFailure; validationErrors?: unknown }): string | undefined {
  const failure = result.serverError;
  if (failure) return `${failure.code ?? "error"}: ${failure.message ?? ""}`;
  return result.validationErrors ? "invalid_input: the input did not pass the schema" : undefined;
}

/**
 * Another dealer's object looked up by id answers not_found exactly like one that does not exist
 * (nothing to learn by probing), and the attempt is audited as a refusal, reads included.
 */
function isRefusal(result: { serverError?: ActionFailure }): boolean {
  const code = result.serverError?.code;
  return code === "not_found" || code === "forbidden";
}

/**
 * Our dealer link ids are cuids (tests name theirs with words). A named id of any other form (a
 * control character Postgres cannot store, a kilobyte of text) names no dealer: it is refused
 * without a lookup and is not copied into the audit row.
 */
const DEALER_LINK_ID = /^[\w-]{1,64}$/;

/**
 * Whether any string of an action's raw input (keys included) holds a NUL. Postgres text cannot
 * store one, so such an input would reach a query only to fail there as "internal"; no field of ours
 * may carry it, whatever the action's own schema says.
 */
function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (depth > 32 || typeof value !== "object" || value === null) return false;
  return Object.entries(value).some(([k, v]) => k.includes("\u0000") || holdsNul(v, depth + 1));
}

/** The `dealerLinkId` an action's raw input names, if any (validated by the action's own schema later). */
function namedDealerLinkId(input: unknown): string | undefined {
  if (typeof input !== "object" || input === null || !("dealerLinkId" in input)) return undefined;
  const v = input.dealerLinkId;
  return typeof v === "string" && v.length > 0 ? v : undefined;
}

/**
 * A dealer an action works on, with the user's role there. The current dealer is always connected;
 * one an input names may not be (the admin pages list disconnected links too): `connectedAt` is
 * then null.
 */
export type ActionDealer = Omit<MemberDealer, "connectedAt"> & { connectedAt: Date | null };

export type ActionContext = {
  /** `role` is the user's role in `dealer` (their membership's), not a global one. */
  user: SessionUser;
  traceId: string;
  /**
   * The dealer this action works on, resolved once from the user's memberships (a cookie naming a
   * dealer they do not belong to is ignored), or for an action flagged `dealer: "named"` the one its
   * input names. Null only when the user has no connected dealer; actions that need one are built
   * on dealerActionClient (or namedDealerActionClient), whose context always has it.
   */
  dealer: ActionDealer | null;
  /**
   * Runs `fn` and the audit row in one Postgres transaction (mapping + audit stay consistent).
   * Call it after CHeKT has accepted the change. The row's action and object kind are the
   * metadata's `name` and `objectKind` unless the entry names others (e.g. "sites.activate").
   */
  commit: Commit;
};

/** The fields every audit row of one action run shares: who, on which dealer, under which trace id. */
type RunAudit = {
  action: string;
  objectKind: AuditObjectKind;
  dealerLinkId: string | undefined;
  traceId: string;
  /** With their role in that dealer. */
  user: SessionUser;
};

function auditRun(run: RunAudit, outcome: AuditEntry["outcome"], error: string | undefined): Promise<void> {
  return writeAudit(prisma, { ...run, outcome, error });
}

export const actionClient = createSafeActionClient({
  defineMetadataSchema: () => metadataSchema,
  handleServerError,
  defaultValidationErrorsShape: "flattened",
}).use(async ({ next, metadata, clientInput }) => {
  const sessionUser = await getSessionUser();
  if (!sessionUser)
    throw new ActionError("unauthenticated", "Your session has ended. Sign in again; nothing was saved.");
  const traceId = randomUUID();
  const objectKind = metadata.objectKind ?? "action";
  // The role that counts is the membership's in the current dealer (the owner is admin in all), or
  // for an action flagged dealer: "named" in the dealer its input names.
  const { user, dealer } = await userAtDealer(sessionUser);
  const run: RunAudit = { action: metadata.name, objectKind, dealerLinkId: dealer?.id, traceId, user };
  const opts = { notAudited: metadata.notAudited ?? false, clientInput };
  if (metadata.dealer === "named") {
    const named = await atNamedDealer(run, metadata.role, sessionUser, clientInput);
    return runAudited(named.run, { ...opts, dealer: named.dealer }, (ctx) => next({ ctx }));
  }
  await checkRole(run, metadata.role, dealer);
  await checkNamedDealer(run, metadata.role, namedDealerLinkId(clientInput));
  return runAudited(run, { ...opts, dealer }, (ctx) => next({ ctx }));
});

/** The user must hold the action's role in the run's dealer; a refusal is audited, then thrown. */
async function checkRole(run: RunAudit, role: Role, dealer: ActionDealer | null): Promise<void> {
  if (hasRole(run.user.role, role)) return;
  // Without a dealer to work on (none connected, or no membership) the useful answer is that,
  // not "forbidden": the same refusal, said so the user knows what is missing.
  const noDealer = !dealer && role !== "viewer";
  await auditRun(run, "refused", noDealer ? "no dealer to work on" : `role ${run.user.role} lacks ${role}`);
  if (noDealer) throw new ActionError("no_dealer", NO_DEALER_MESSAGE);
  throw new ActionError("forbidden", `Only ${roleNeeded(role)} can do this.`);
}

/** A named dealer the user may not act on does not exist for them: "No such dealer.", audited as refused. */
async function refuseNamed(run: RunAudit, why: string): Promise<never> {
  await auditRun(run, "refused", why);
  throw new ActionError("not_found", "No such dealer.", { dealerLinkId: "Unknown dealer" });
}

/** The user's role in the dealer link `named` names (admin for the owner); refused when they have none. */
async function roleInNamed(run: RunAudit, named: string): Promise<Role> {
  if (!DEALER_LINK_ID.test(named)) return refuseNamed(run, "named a dealer link id of no form we issue");
  return (await roleInDealerLink(run.user.id, named)) ?? refuseNamed(run, `not a member of dealer link ${named}`);
}

/**
 * An action working on the current dealer whose input also names one (another of the admin's, say):
 * the user must hold the declared role in THAT dealer too, or it does not exist for them.
 */
async function checkNamedDealer(run: RunAudit, role: Role, named: string | undefined): Promise<void> {
  if (named === undefined || named === run.dealerLinkId) return;
  const held = await roleInNamed(run, named);
  if (!hasRole(held, role)) await refuseNamed(run, `role ${held} lacks ${role} in dealer link ${named}`);
}

/**
 * An action flagged `dealer: "named"` (the admin pages' dealer picker, the account page's per-dealer
 * switches) works on the dealer its input names, which it must name. The role checked is the one
 * held THERE, whatever the user's role in the current dealer; from then on the run is that
 * dealer's: the context's dealer, `user.role` and the audit row. So nothing in such an action can
 * reach the current dealer with a role held in another. Refusals before the user is known to be a
 * member of the named dealer are filed on the current one (as checkNamedDealer's are).
 */
async function atNamedDealer(
  current: RunAudit,
  role: Role,
  sessionUser: SessionUser,
  input: unknown,
): Promise<{ run: RunAudit; dealer: ActionDealer }> {
  const id = namedDealerLinkId(input);
  if (id === undefined) {
    await auditRun(current, "refused", "named no dealer (the action works on the one its input names)");
    throw new ActionError("invalid_input", "Choose the dealer this is for. Nothing was saved.", {
      dealerLinkId: "Choose a dealer",
    });
  }
  const held = await roleInNamed(current, id);
  const link = await prisma.dealerLink.findUnique({ where: { id } });
  if (!link) return refuseNamed(current, `not a member of dealer link ${id}`);
  const { chektDealerId, externalDealerId, companyName } = link;
  const connectedAt = isConnected(link) ? link.connectedAt : null;
  const dealer: ActionDealer = { id, chektDealerId, externalDealerId, companyName, connectedAt, role: held };
  const run: RunAudit = { ...current, dealerLinkId: id, user: withDealerRole(sessionUser, held) };
  await checkRole(run, role, dealer);
  return { run, dealer };
}

type BodyResult = { success: boolean; serverError?: ActionFailure; validationErrors?: unknown };

/**
 * Runs the action's body with its context, and leaves exactly one row for a mutation: its commit's,
 * or else one said here from the result (or the error thrown past next-safe-action).
 */
async function runAudited<R extends BodyResult>(
  run: RunAudit,
  opts: { dealer: ActionDealer | null; notAudited: boolean; clientInput: unknown },
  body: (ctx: ActionContext) => Promise<R>,
): Promise<R> {
  const { notAudited } = opts;
  let audited = false;
  // Only a committed row counts: a refusal thrown inside a commit's `fn` (another dealer's id:
  // not_found) rolls back with it, and the failure or refusal row is written below instead.
  const commit = makeCommit({ ...run, onCommitted: () => void (audited = true) });
  const ctx: ActionContext = { user: run.user, traceId: run.traceId, dealer: opts.dealer, commit };

  try {
    if (holdsNul(opts.clientInput)) {
      throw new ActionError(
        "invalid_input",
        "A field holds a NUL character, which cannot be stored. Nothing was saved.",
      );
    }
    // A CHeKT write that would wait long for the rate limit is handed back to the form instead
    // (lib/chekt/budget-wait.ts): the form counts down and sends again; nothing was sent.
    const result = await (notAudited ? body(ctx) : runInteractive(() => body(ctx)));
    if ((!notAudited && !audited) || (notAudited && isRefusal(result))) {
      // A mutation that did not describe itself still leaves a trace.
      const outcome = isRefusal(result) ? "refused" : result.success === false ? "failure" : "success";
      // next-safe-action hands thrown errors back as result.serverError (they never reach the
      // catch below), so the reason is taken from there.
      await auditRun(run, outcome, auditError(result));
    }
    return result;
  } catch (error) {
    if (!notAudited) {
      const failure = toActionFailure(error, run.traceId);
      await writeAudit(prisma, {
        ...run,
        outcome: "failure",
        error: `${failure.code}: ${failure.message}`,
        traceId: failure.traceId ?? run.traceId,
      }).catch(() => undefined);
    }
    throw error;
  }
}

/** The context of an action built on dealerActionClient. */
export type DealerActionContext = ActionContext & {
  dealer: MemberDealer;
  /** The dealer in the shape lib/chekt/api/* takes (CHeKT dealer id + our link id). */
  scope: DealerScope;
};

/**
 * Every action that works on the current dealer's objects is built from this client: its context
 * has the dealer and its scope, so no action checks for one itself. Without a connected dealer the
 * action answers no_dealer before its input is read (there is nothing to check it against); the
 * client above records that like any other failure.
 */
export const dealerActionClient = actionClient.use(async ({ ctx, next }) => next({ ctx: connectedOnly(ctx.dealer) }));

/** The context's dealer when it is connected, with its scope; otherwise the action answers no_dealer. */
function connectedOnly(dealer: ActionDealer | null): { dealer: MemberDealer; scope: DealerScope } {
  if (!dealer?.connectedAt) throw new ActionError("no_dealer", NO_DEALER_MESSAGE);
  const connected: MemberDealer = { ...dealer, connectedAt: dealer.connectedAt };
  return { dealer: connected, scope: scopeOf(connected) };
}

/**
 * Every action flagged `dealer: "named"` is built from this client: its context's dealer is the one
 * its input named (connected or not), with the user's role there. Built here without the flag, an
 * action fails before its body rather than run on the current dealer.
 */
export const namedDealerActionClient = actionClient.use(async ({ ctx, metadata, next }) => {
  if (metadata.dealer !== "named" || !ctx.dealer) {
    throw new Error(`${metadata.name} is built on namedDealerActionClient without dealer: "named"`);
  }
  return next({ ctx: { dealer: ctx.dealer } });
});

/**
 * namedDealerActionClient for actions on the named dealer's objects (the desk's: its page names the
 * dealer it was drawn for): that dealer must be connected, and the context is dealerActionClient's.
 */
export const namedMemberDealerActionClient = namedDealerActionClient.use(async ({ ctx, next }) =>
  next({ ctx: connectedOnly(ctx.dealer) }),
);
