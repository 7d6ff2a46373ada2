"use client";
import { Button, ConfirmDialog, type ButtonVariant } from "@/components/ui";
import { OneTimePasswordDialog } from "./one-time-password-dialog";
import { CONFIRMS, REMOVE_LABEL, useUserRowActions, type Confirm } from "./use-user-row-actions";

type Props = { userId: string; email: string; disabled: boolean; isSelf: boolean; dealerName: string };

/** A member's row actions, each destructive one behind its confirm; nobody disables or removes themselves. */
export function UserRowActions({ userId, email, disabled, isSelf, dealerName }: Props) {
  const { pending, confirm, setConfirm, otp, setOtp, toggle, dialogs } = useUserRowActions({
    userId,
    email,
    disabled,
    dealerName,
  });
  // A button that opens its confirm; `selfRefusal`: why nobody does this to themselves.
  const ask = (which: Confirm, label: string, variant: ButtonVariant, selfRefusal?: string) => (
    <Button
      size="sm"
      variant={variant}
      disabled={pending || (isSelf && !!selfRefusal)}
      title={isSelf ? selfRefusal : undefined}
      onClick={() => setConfirm(which)}
    >
      {label}
    </Button>
  );

  return (
    <div className="flex flex-wrap justify-end gap-2">
      {ask("reset", "Reset password", "secondary")}
      {disabled ? (
        <Button size="sm" variant="secondary" pending={pending} onClick={() => void toggle()}>
          Enable
        </Button>
      ) : (
        ask("disable", "Disable", "danger", "You cannot disable yourself")
      )}
      {ask("remove", REMOVE_LABEL, "secondary", "You cannot remove yourself")}
      {CONFIRMS.map((which) => (
        <ConfirmDialog
          key={which}
          open={confirm === which}
          onClose={() => setConfirm(null)}
          pending={pending}
          {...dialogs[which]}
        />
      ))}
      <OneTimePasswordDialog otp={otp} email={email} onClose={() => setOtp(null)} />
    </div>
  );
}
