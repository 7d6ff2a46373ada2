"use server";
import { randomUUID } from "node:crypto";
import { writeAudit } from "@/lib/audit";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { currentSessionId, getEnrolmentUser } from "@/lib/auth/session";
import { endSessions } from "@/lib/auth/sessions";
import { confirmEnrolment, TwoFactorError } from "@/lib/auth/two-factor";

export type EnrolState = { error: string | null; recoveryCodes: string[] | null };

// Not on the action client: a user a dealer requires two-factor of has no full session until this
// succeeds (lib/auth/session.ts), so this action reads the enrolment session and audits itself.
export async function confirmTwoFactorAction(_prev: EnrolState, form: FormData): Promise<EnrolState> {
  // A server action's arguments come off the wire as whatever the caller sent: refuse, never throw.
  if (!(form instanceof FormData)) return { error: "Enter the 6-digit code your app shows.", recoveryCodes: null };
  const signedIn = await getEnrolmentUser();
  if (!signedIn) return { error: "Your session has ended. Sign in again; nothing was saved.", recoveryCodes: null };
  const { user } = signedIn;
  const code = String(form.get("code") ?? "").trim();
  const traceId = randomUUID();
  if (!code) return { error: "Enter the 6-digit code your app shows.", recoveryCodes: null };
  // Audited the same way whether it worked or not; only the outcome and its detail differ.
  const audited = {
    action: "account.two_factor_enable",
    objectKind: "user" as const,
    externalId: user.id,
    user,
    traceId,
  };
  try {
    const recoveryCodes = await confirmEnrolment(prisma, user.id, code, env.SECRETS_ENCRYPTION_KEY);
    // Sessions opened before the second factor existed end; this browser stays signed in.
    const keep = await currentSessionId();
    const ended = await endSessions(prisma, user.id, "two_factor_changed", { except: keep ?? undefined });
    await writeAudit(prisma, { ...audited, outcome: "success", after: { enabled: true, otherSessionsEnded: ended } });
    return { error: null, recoveryCodes };
  } catch (error) {
    const message =
      error instanceof TwoFactorError ? error.message : "Something went wrong on our side. Nothing was saved.";
    await writeAudit(prisma, { ...audited, outcome: "failure", error: message }).catch(() => undefined);
    if (!(error instanceof TwoFactorError)) console.error(error);
    return { error: `${message} (trace ${traceId})`, recoveryCodes: null };
  }
}
