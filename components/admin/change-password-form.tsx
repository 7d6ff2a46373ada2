"use client";
import { Button, Input } from "@/components/ui";
import { FormFailure } from "@/components/forms/form-failure";
import { useActionForm } from "@/components/forms/use-action-form";
import { changeOwnPasswordAction } from "@/actions/account";
import { changeOwnPasswordSchema } from "@/lib/users/schemas";

const EMPTY = { currentPassword: "", newPassword: "", confirmPassword: "" };

export function ChangePasswordForm() {
  const form = useActionForm({
    initial: EMPTY,
    schema: changeOwnPasswordSchema,
    action: changeOwnPasswordAction,
    toInput: (v) => ({ ...EMPTY, ...v }),
    successMessage: "Password changed",
    // Passwords do not stay on screen after they were accepted.
    resetOnSuccess: true,
  });
  const f = form.field;
  return (
    <form
      aria-label="Change password"
      className="max-w-md space-y-3"
      onSubmit={form.onSubmit}
      noValidate
      aria-busy={form.pending}
    >
      <Input
        label="Current password"
        type="password"
        autoComplete="current-password"
        required
        {...f("currentPassword")}
      />
      <Input
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 10 characters."
        {...f("newPassword")}
      />
      <Input
        label="New password again"
        type="password"
        autoComplete="new-password"
        required
        {...f("confirmPassword")}
      />
      <FormFailure failure={form.failure} />
      <Button type="submit" pending={form.pending} pendingText="Saving…">
        Change password
      </Button>
    </form>
  );
}
