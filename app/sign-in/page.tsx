import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ShieldCheck } from "lucide-react";
import { AuthFrame } from "@/components/shell/auth-frame";
import { getEnrolmentUser, getSessionUser } from "@/lib/auth/session";
import { safeCallbackPath } from "@/lib/auth/safe-redirect";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[] }>;
}) {
  const { callbackUrl } = await searchParams;
  const next = safeCallbackPath(Array.isArray(callbackUrl) ? callbackUrl[0] : callbackUrl, "/");
  // Already signed in (and still allowed): go straight on.
  if (await getSessionUser()) redirect(next);
  // Signed in, but a dealer of theirs requires two-factor they have not set up yet: that first.
  if ((await getEnrolmentUser())?.mustEnrol) redirect(`/sign-in/two-factor?callbackUrl=${encodeURIComponent(next)}`);

  return (
    <AuthFrame
      icon={<ShieldCheck className="h-7 w-7" aria-hidden="true" />}
      title="Sign in to the dealer console"
      intro="Sites, devices and alarm verifications for your CHeKT dealer account."
      width="max-w-sm"
      footer={
        <p className="mt-6 text-center text-xs text-slate-500">
          Forgot your password? Ask an admin of your team to reset it.
        </p>
      }
    >
      <SignInForm callbackUrl={next} />
    </AuthFrame>
  );
}
