import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ShieldCheck } from "lucide-react";
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
    <main
      id="main"
      className="flex min-h-screen items-center justify-center bg-gradient-to-b from-slate-100 to-slate-200 px-4 py-12"
    >
      <div className="w-full max-w-sm">
        <div className="mb-6 flex flex-col items-center text-center">
          <div className="flex h-12 w-12 items-center justify-center rounded-xl bg-indigo-600 text-white shadow-sm">
            <ShieldCheck className="h-7 w-7" aria-hidden="true" />
          </div>
          <h1 className="mt-4 text-xl font-semibold text-slate-900">Sign in to the dealer console</h1>
          <p className="mt-1 text-sm text-slate-600">
            Sites, devices and alarm verifications for your CHeKT dealer account.
          </p>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <SignInForm callbackUrl={next} />
        </div>
        <p className="mt-6 text-center text-xs text-slate-500">
          Forgot your password? Ask an admin of your team to reset it.
        </p>
      </div>
    </main>
  );
}
