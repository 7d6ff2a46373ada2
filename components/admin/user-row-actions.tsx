"use client";
import { useId } from "react";
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
  // Why one's own row has Disable and Remove greyed out, said in words beside them: a tooltip on a
  // disabled button shows to nobody on a phone or at the keyboard.
  const selfNoteId = useId();
  // A button that opens its confirm; `selfRefusal`: nobody does this to themselves.
  const ask = (which: Confirm, label: string, variant: ButtonVariant, selfRefusal = false) => (
    <Button
      size="sm"
      variant={variant}
      disabled={pending || (isSelf && selfRefusal)}
      aria-describedby={isSelf && selfRefusal ? selfNoteId : undefined}
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
        ask("disable", "Disable", "danger", true)
      )}
      {ask("remove", REMOVE_LABEL, "secondary", true)}
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
      {isSelf ? (
        <p id={selfNoteId} className="basis-full text-right text-xs text-slate-600 max-md:text-left">
          You cannot disable yourself or remove yourself from this dealer.
        </p>
      ) : null}
    </div>
  );
}
