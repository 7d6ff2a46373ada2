"use server";
import { AuthError, CredentialsSignin } from "next-auth";
import { unstable_rethrow } from "next/navigation";
import { signIn } from "@/lib/auth";
import { safeCallbackPath } from "@/lib/auth/safe-redirect";
import { MISSING_CREDENTIALS, SIGN_IN_UNAVAILABLE, WRONG_CREDENTIALS } from "@/lib/auth/messages";
import { throttleMessage } from "@/lib/auth/throttle";

export type SignInState = { error: string | null; email: string };


// Not built on the action client: there is no session yet. The throttle and audit live in authorize().
export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "").trim();
  const password = String(form.get("password") ?? "");
  if (!email || !password) return { error: MISSING_CREDENTIALS, email };
  const redirectTo = safeCallbackPath(form.get("callbackUrl"), "/");
  try {
    await signIn("credentials", { email, password, redirectTo });
    return { error: null, email };
  } catch (error) {
    // A successful signIn() "throws" NEXT_REDIRECT to the page asked for: let it through.
    unstable_rethrow(error);
    if (error instanceof CredentialsSignin) {
      const [kind, at] = (error.code ?? "").split(":");
      if ((kind === "slow" || kind === "locked") && at) return { error: throttleMessage(kind, new Date(Number(at))), email };
      return { error: WRONG_CREDENTIALS, email };
    }
    if (error instanceof AuthError) return { error: SIGN_IN_UNAVAILABLE, email };
    throw error;
  }
}
