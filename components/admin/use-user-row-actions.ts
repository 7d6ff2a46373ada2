"use client";
import { useState } from "react";
import type { ConfirmDialogProps } from "@/components/ui";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { focusAfterRowRemoval } from "@/components/ui/focus-after-removal";
import { removeMembershipAction, resetPasswordAction, setDisabledAction } from "@/actions/users";

export const CONFIRMS = ["remove", "disable", "reset"] as const;
export type Confirm = (typeof CONFIRMS)[number];
export const REMOVE_LABEL = "Remove from dealer";

/**
 * What an admin does to one member (disable or enable, reset the password, remove from the dealer):
 * the runners, which confirm is open, the one-time password a reset returned, and each confirm's text.
 */
export function useUserRowActions({
  userId,
  email,
  disabled,
  dealerName,
}: {
  userId: string;
  email: string;
  disabled: boolean;
  dealerName: string;
}) {
  const disabler = useActionRunner(setDisabledAction);
  const resetter = useActionRunner(resetPasswordAction);
  const remover = useActionRunner(removeMembershipAction);
  const pending = disabler.pending || resetter.pending || remover.pending;
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [otp, setOtp] = useState<string | null>(null);

  const toggle = async () => {
    const message = disabled ? `${email} can sign in again` : `${email} is disabled and signed out`;
    await disabler.run({ userId, disabled: !disabled }, message);
    setConfirm(null);
  };
  const reset = async () => {
    // No toast: the one-time password is the answer, shown once in a dialog.
    const r = await resetter.run({ userId }, null);
    setConfirm(null);
    if (r.ok) setOtp(r.data?.oneTimePassword ?? null);
  };
  const remove = async () => {
    const r = await remover.run({ userId }, `${email} no longer works on ${dealerName}`);
    setConfirm(null);
    // The row leaves with the page's refresh: the focus goes to the next member's Remove, not to <body>.
    const row = document.querySelector(`tr[data-email="${CSS.escape(email)}"]`);
    const button = [...(row?.querySelectorAll("button") ?? [])].find((b) => b.textContent?.trim() === REMOVE_LABEL);
    if (r.ok && button) focusAfterRowRemoval(button);
  };

  // Mounted together (closed until asked for), in this order.
  const dialogs: Record<Confirm, Omit<ConfirmDialogProps, "open" | "onClose" | "pending">> = {
    remove: {
      onConfirm: remove,
      destructive: true,
      title: `Remove ${email} from ${dealerName}?`,
      description:
        "They lose access to this dealer at once. Their account and any other dealer they work for stay as " +
        "they are.",
      confirmLabel: "Remove",
    },
    disable: {
      onConfirm: toggle,
      destructive: true,
      title: `Disable ${email}?`,
      description: "They are signed out everywhere at once and cannot sign in until enabled again.",
      confirmLabel: "Disable",
    },
    reset: {
      onConfirm: reset,
      title: `Reset the password of ${email}?`,
      description: "A one-time password is generated and shown once. Their current sessions end.",
      confirmLabel: "Reset password",
    },
  };
  return { pending, confirm, setConfirm, otp, setOtp, toggle, dialogs };
}
