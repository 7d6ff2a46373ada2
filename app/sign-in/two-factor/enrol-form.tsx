"use client";
import Link from "next/link";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { CodeGrid } from "@/components/ui/code-grid";
import { Input } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { confirmTwoFactorAction, type EnrolState } from "@/actions/two-factor";

/**
 * The code that proves the app holds the secret; then the recovery codes, shown this once.
 * A plain `<form action>` like the sign-in form (app/sign-in/sign-in-form.tsx says why).
 */
export function EnrolForm({ next }: { next: string }) {
  const [state, action] = useActionState<EnrolState, FormData>(confirmTwoFactorAction, {
    error: null,
    recoveryCodes: null,
  });
  if (state.recoveryCodes) {
    return (
      <div className="space-y-4" data-testid="recovery-codes">
        <Alert tone="success">Two-factor sign-in is on.</Alert>
        <p className="text-sm text-slate-700">
          Keep these recovery codes somewhere safe (a password manager, or printed). Each one signs you in once if your
          phone is lost. They are not shown again.
        </p>
        <CodeGrid label="Recovery codes" codes={state.recoveryCodes} />
        <Link href={next} className={buttonClasses("primary", "md", "w-full")}>
          I have saved them — continue
        </Link>
      </div>
    );
  }
  return (
    <form action={action} noValidate aria-label="Confirm two-factor setup">
      <div className="space-y-4">
        {state.error ? <Alert tone="danger">{state.error}</Alert> : null}
        <Input
          label="Code from the app"
          name="code"
          autoComplete="one-time-code"
          inputMode="numeric"
          required
          hint="The 6 digits it shows now."
        />
        <SubmitButton className="w-full" pendingText="Checking…">
          Turn on two-factor sign-in
        </SubmitButton>
      </div>
    </form>
  );
}
