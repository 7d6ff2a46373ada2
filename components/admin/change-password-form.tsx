"use client";
import { Input } from "@/components/ui";
import { AccountForm } from "@/components/forms/form-actions";
import { useInputForm } from "@/components/forms/use-action-form";
import { changeOwnPasswordAction } from "@/actions/account";
import { changeOwnPasswordSchema } from "@/lib/users/schemas";

const EMPTY = { currentPassword: "", newPassword: "", confirmPassword: "" };

export function ChangePasswordForm() {
  const form = useInputForm({
    initial: EMPTY,
    schema: changeOwnPasswordSchema,
    action: changeOwnPasswordAction,
    successMessage: "Password changed",
    // Passwords do not stay on screen after they were accepted.
    resetOnSuccess: true,
  });
  const f = form.field;
  return (
    <AccountForm form={form} label="Change password" submit={{ label: "Change password", pendingLabel: "Saving…" }}>
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
    </AccountForm>
  );
}
