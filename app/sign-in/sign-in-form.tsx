"use client";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Input } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { signInAction, type SignInState } from "./actions";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action] = useActionState<SignInState, FormData>(signInAction, { error: null, email: "" });
  return (
    <form action={action} noValidate>
      {/* React adds hidden inputs for the action at the start of the form, so spacing lives on this div. */}
      <div className="space-y-5">
        {state.error ? <Alert tone="danger">{state.error}</Alert> : null}
        <Input label="Email" name="email" type="email" autoComplete="username" required autoFocus defaultValue={state.email} key={state.email} />
        <Input label="Password" name="password" type="password" autoComplete="current-password" required />
        <SubmitButton className="w-full" pendingText="Signing in…">
          Sign in
        </SubmitButton>
      </div>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
    </form>
  );
}
