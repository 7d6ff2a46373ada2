import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { KeyRound } from "lucide-react";
import { AuthFrame } from "@/components/shell/auth-frame";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { safeCallbackPath } from "@/lib/auth/safe-redirect";
import { getEnrolmentUser } from "@/lib/auth/session";
import { otpauthUri, startEnrolment, twoFactorStatus } from "@/lib/auth/two-factor";
import { AuthenticatorKey } from "./authenticator-key";
import { EnrolForm } from "./enrol-form";
import { SetupWayOut } from "./setup-way-out";
import { textLinkClass, cn } from "@/components/ui";

export const metadata: Metadata = { title: "Set up two-factor sign-in" };
export const dynamic = "force-dynamic";

// Outside the console layout on purpose: a user whose dealer requires two-factor has no console
// session until this is done (lib/auth/session.ts), and lands here right after the password.
export default async function TwoFactorSetupPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[] }>;
}) {
  const { callbackUrl } = await searchParams;
  const next = safeCallbackPath(Array.isArray(callbackUrl) ? callbackUrl[0] : callbackUrl, "/account");
  const signedIn = await getEnrolmentUser();
  if (!signedIn) redirect("/sign-in");
  const { user, mustEnrol } = signedIn;
  const status = await twoFactorStatus(prisma, user.id, env.SECRETS_ENCRYPTION_KEY);
  const secret = status.enabled
    ? null
    : (status.pendingSecret ?? (await startEnrolment(prisma, user.id, env.SECRETS_ENCRYPTION_KEY)));
  const uri = secret ? otpauthUri(secret, user.email) : null;

  return (
    <AuthFrame
      icon={<KeyRound className="h-7 w-7" aria-hidden="true" />}
      title="Set up two-factor sign-in"
      intro={
        mustEnrol
          ? "A dealer you work for requires a code from your phone at every sign-in. Set it up to continue."
          : "Add a code from your phone to every sign-in."
      }
      width="max-w-md"
      cardClassName="space-y-5"
      footer={<SetupWayOut mustEnrol={mustEnrol} next={next} />}
    >
      {status.enabled || !secret || !uri ? (
        <div className="space-y-3 text-sm text-slate-700">
          <p>Two-factor sign-in is already on for {user.email}.</p>
          <Link className={cn("font-medium", textLinkClass)} href={next}>
            Continue
          </Link>
        </div>
      ) : (
        <>
          <AuthenticatorKey secret={secret} uri={uri} email={user.email} />
          <EnrolForm next={next} />
        </>
      )}
    </AuthFrame>
  );
}
