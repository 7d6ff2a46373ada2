import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { KeyRound } from "lucide-react";
import { AuthFrame } from "@/components/shell/auth-frame";
import qrcode from "qrcode-generator";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { safeCallbackPath } from "@/lib/auth/safe-redirect";
import { getEnrolmentUser } from "@/lib/auth/session";
import { otpauthUri, startEnrolment, twoFactorStatus } from "@/lib/auth/two-factor";
import { signOutAction } from "@/lib/auth/actions";
import { EnrolForm } from "./enrol-form";

export const metadata: Metadata = { title: "Set up two-factor sign-in" };
export const dynamic = "force-dynamic";

/** A QR code of the otpauth URI as a data: image (the CSP allows data: images, not inline script). */
function qrDataUrl(text: string): string {
  const qr = qrcode(0, "M");
  qr.addData(text);
  qr.make();
  return qr.createDataURL(5, 8);
}

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
      footer={
        // Set up by choice (from Account): going back is the way out. Required: the console stays shut
        // until it is done, so signing out is the only other way.
        mustEnrol ? (
          <form action={signOutAction} className="mt-6 text-center">
            <button type="submit" className="text-sm text-slate-600 underline hover:text-slate-900">
              Sign out instead
            </button>
          </form>
        ) : (
          <p className="mt-6 text-center">
            <Link href={next} className="text-sm text-slate-600 underline hover:text-slate-900">
              Not now, back to the console
            </Link>
          </p>
        )
      }
    >
      {status.enabled || !secret || !uri ? (
        <div className="space-y-3 text-sm text-slate-700">
          <p>Two-factor sign-in is already on for {user.email}.</p>
          <Link className="font-medium text-indigo-700 underline" href={next}>
            Continue
          </Link>
        </div>
      ) : (
        <>
          <ol className="list-decimal space-y-2 pl-5 text-sm text-slate-700">
            <li>Open an authenticator app (Google Authenticator, 1Password, Microsoft Authenticator…).</li>
            <li>Scan the code below, or type the key by hand.</li>
            <li>Enter the 6 digits the app then shows.</li>
          </ol>
          <div className="flex justify-center">
            {/* eslint-disable-next-line @next/next/no-img-element --
                a data: URL, nothing for next/image to optimise */}
            <img
              src={qrDataUrl(uri)}
              alt={`QR code to add ${user.email} to an authenticator app`}
              width={200}
              height={200}
              className="h-48 w-48"
            />
          </div>
          <div>
            <p className="text-sm font-medium text-slate-700" id="key-label">
              Key (for typing by hand)
            </p>
            <p
              className="mt-1 break-all rounded-md bg-slate-50 p-2 font-mono text-sm text-slate-900"
              aria-labelledby="key-label"
              data-testid="totp-secret"
            >
              {secret.match(/.{1,4}/g)?.join(" ")}
            </p>
            <details className="mt-2 text-xs text-slate-600">
              <summary className="cursor-pointer">Setup link (otpauth URI)</summary>
              <p className="mt-1 break-all font-mono" data-testid="otpauth-uri">
                {uri}
              </p>
            </details>
          </div>
          <EnrolForm next={next} />
        </>
      )}
    </AuthFrame>
  );
}
