"use server";
import { AuthError, CredentialsSignin } from "next-auth";
import { cookies, headers } from "next/headers";
import { redirect, unstable_rethrow } from "next/navigation";
import { prisma } from "@/lib/db";
import { signIn } from "@/lib/auth";
import { safeCallbackPath } from "@/lib/auth/safe-redirect";
import {
  CHALLENGE_EXPIRED,
  MISSING_CODE,
  MISSING_CREDENTIALS,
  SIGN_IN_UNAVAILABLE,
  WRONG_CODE,
  WRONG_CREDENTIALS,
} from "@/lib/auth/messages";
import { throttleMessage } from "@/lib/auth/throttle";
import { CHALLENGE_TTL_MS, twoFactorRequiredFor } from "@/lib/auth/two-factor";
import { normalizeEmail } from "@/lib/auth/throttle";

export type SignInState = { error: string | null; email: string; step: "password" | "code" };

/** httpOnly cookie carrying the second step's challenge token (lib/auth/two-factor.ts). */
const CHALLENGE_COOKIE = "signin_challenge";

async function secureCookies(): Promise<boolean> {
  return (await headers()).get("x-forwarded-proto") === "https";
}

/** Where a signed-in user goes: the page asked for, or the two-factor setup a dealer requires first. */
async function landingFor(email: string, next: string): Promise<string> {
  const user = await prisma.user.findFirst({
    where: { email: { equals: normalizeEmail(email), mode: "insensitive" } },
    select: { id: true, totpEnabledAt: true },
  });
  if (user && !user.totpEnabledAt && (await twoFactorRequiredFor(prisma, user.id))) {
    return `/sign-in/two-factor?callbackUrl=${encodeURIComponent(next)}`;
  }
  return next;
}

function throttled(error: CredentialsSignin): string | null {
  const [kind, at] = (error.code ?? "").split(":");
  return kind === "slow" && at ? throttleMessage(new Date(Number(at))) : null;
}

// Not built on the action client: there is no session yet. The throttle and audit live in the
// providers' authorize() (lib/auth/index.ts).
export async function signInAction(prev: SignInState, form: FormData): Promise<SignInState> {
  const redirectTo = safeCallbackPath(form.get("callbackUrl"), "/");
  const jar = await cookies();
  if (form.get("step") === "code") {
    const email = prev.email;
    const code = String(form.get("code") ?? "").trim();
    const challenge = jar.get(CHALLENGE_COOKIE)?.value;
    if (!challenge) return { error: CHALLENGE_EXPIRED, email, step: "password" };
    if (!code) return { error: MISSING_CODE, email, step: "code" };
    try {
      await signIn("second-factor", { challenge, code, redirect: false });
    } catch (error) {
      unstable_rethrow(error);
      if (error instanceof CredentialsSignin) {
        if (error.code === "challenge_expired") {
          jar.delete(CHALLENGE_COOKIE);
          return { error: CHALLENGE_EXPIRED, email, step: "password" };
        }
        return { error: throttled(error) ?? WRONG_CODE, email, step: "code" };
      }
      if (error instanceof AuthError) return { error: SIGN_IN_UNAVAILABLE, email, step: "code" };
      throw error;
    }
    jar.delete(CHALLENGE_COOKIE);
    redirect(redirectTo);
  }

  const email = String(form.get("email") ?? "").trim();
  const password = String(form.get("password") ?? "");
  if (!email || !password) return { error: MISSING_CREDENTIALS, email, step: "password" };
  try {
    await signIn("credentials", { email, password, redirect: false });
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof CredentialsSignin) {
      const [kind, token] = (error.code ?? "").split(":");
      if (kind === "2fa" && token) {
        jar.set(CHALLENGE_COOKIE, token, {
          httpOnly: true,
          sameSite: "strict",
          secure: await secureCookies(),
          path: "/sign-in",
          maxAge: CHALLENGE_TTL_MS / 1000,
        });
        return { error: null, email, step: "code" };
      }
      return { error: throttled(error) ?? WRONG_CREDENTIALS, email, step: "password" };
    }
    if (error instanceof AuthError) return { error: SIGN_IN_UNAVAILABLE, email, step: "password" };
    throw error;
  }
  redirect(await landingFor(email, redirectTo));
}
