"use client";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Input } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { signInAction, type SignInState } from "@/actions/sign-in";

const initial: SignInState = { error: null, email: "", step: "password" };

/**
 * Email and password, then (for a user with two-factor on) a code from the app or a recovery code.
 *
 * Not on the form stack (components/forms/use-action-form.ts) on purpose: signInAction is a plain
 * next-auth server action, not one of lib/actions/client.ts (there is no session yet for its
 * middleware), it ends in a redirect, and as a `<form action>` it signs in even before the page's
 * JavaScript has loaded. It keeps what was typed through its own state (`email`).
 */
export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action] = useActionState<SignInState, FormData>(signInAction, initial);
  return (
    <form action={action} noValidate aria-label={state.step === "code" ? "Second step of sign-in" : "Sign in"}>
      {/* React adds hidden inputs for the action at the start of the form, so spacing lives on this div. */}
      <div className="space-y-5">
        {state.error ? <Alert tone="danger">{state.error}</Alert> : null}
        {state.step === "code" ? (
          <>
            <p className="text-sm text-slate-700">
              Password accepted for <span className="font-medium">{state.email}</span>. Enter the 6-digit code your
              authenticator app shows, or one of your recovery codes.
            </p>
            <Input
              label="Code"
              name="code"
              autoComplete="one-time-code"
              inputMode="text"
              spellCheck={false}
              required
              autoFocus
              key={`code-${state.error ?? ""}`}
              hint="6 digits from the app, or a recovery code like ABCDE-FGHJK (each works once)."
            />
            <input type="hidden" name="step" value="code" />
            <SubmitButton className="w-full" pendingText="Checking…">
              Verify and sign in
            </SubmitButton>
          </>
        ) : (
          <>
            <Input
              label="Email"
              name="email"
              type="email"
              autoComplete="username"
              required
              autoFocus
              defaultValue={state.email}
              key={state.email}
            />
            <Input label="Password" name="password" type="password" autoComplete="current-password" required />
            <SubmitButton className="w-full" pendingText="Signing in…">
              Sign in
            </SubmitButton>
          </>
        )}
      </div>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
    </form>
  );
}
