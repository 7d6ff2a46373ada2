"use client";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Alert, Button, Input } from "@/components/ui";
import { changeOwnPasswordAction } from "@/actions/account";
import { failureOf, withTrace, type Failure } from "./action-result";

export function ChangePasswordForm() {
  const [failure, setFailure] = useState<Failure>(null);
  const [pending, start] = useTransition();
  const [formKey, setFormKey] = useState(0);
  return (
    <form
      key={formKey}
      aria-label="Change password"
      className="max-w-md space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        const fd = new FormData(e.currentTarget);
        start(async () => {
          setFailure(null);
          const result = await changeOwnPasswordAction({
            currentPassword: String(fd.get("currentPassword") ?? ""),
            newPassword: String(fd.get("newPassword") ?? ""),
            confirmPassword: String(fd.get("confirmPassword") ?? ""),
          });
          const f = failureOf(result);
          if (f) return setFailure(f);
          toast.success("Password changed");
          setFormKey((k) => k + 1);
        });
      }}
    >
      {failure ? <Alert tone="danger">{withTrace(failure)}</Alert> : null}
      <Input
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        error={failure?.fieldErrors.currentPassword}
      />
      <Input
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 10 characters."
        error={failure?.fieldErrors.newPassword}
      />
      <Input
        label="New password again"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        error={failure?.fieldErrors.confirmPassword}
      />
      <Button type="submit" pending={pending} pendingText="Saving…">
        Change password
      </Button>
    </form>
  );
}
