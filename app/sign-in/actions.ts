"use server";
import { AuthError, CredentialsSignin } from "next-auth";
import { unstable_rethrow } from "next/navigation";
import { signIn } from "@/lib/auth";
import { safeCallbackPath } from "@/lib/auth/safe-redirect";
import { throttleMessage } from "@/lib/auth/throttle";

export type SignInState = { error: string | null; email: string };

/** The one message for a wrong email or password: it never says which of the two was wrong. */
export const WRONG_CREDENTIALS = "Email or password is incorrect.";

// Not built on the action client: there is no session yet. The throttle and audit live in authorize().
export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "").trim();
  const password = String(form.get("password") ?? "");
  if (!email || !password) return { error: "Enter your email and password.", email };
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
    if (error instanceof AuthError) return { error: "Sign-in is not available right now. Try again in a minute.", email };
    throw error;
  }
}
