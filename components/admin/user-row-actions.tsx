"use client";
import { useState } from "react";
import { Button, ConfirmDialog, Dialog, type ButtonVariant, type ConfirmDialogProps } from "@/components/ui";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { removeMembershipAction, resetPasswordAction, setDisabledAction, setRoleAction } from "@/actions/users";
import { ROLE_LABEL, ROLES, type Role } from "@/lib/roles";

type Props = { userId: string; email: string; role: Role; disabled: boolean; isSelf: boolean; dealerName: string };

export function UserRoleSelect({ userId, email, role }: Props) {
  const runner = useActionRunner(setRoleAction);
  const pending = runner.pending;
  const [value, setValue] = useState<Role>(role);
  return (
    <label className="text-sm">
      <span className="sr-only">Role of {email}</span>
      <select
        value={value}
        disabled={pending}
        aria-busy={pending || undefined}
        onChange={async (e) => {
          const next = ROLES.find((r) => r === e.target.value);
          if (!next) return;
          const previous = value;
          // Shown at once; put back if the change is refused (the runner toasts why).
          setValue(next);
          const r = await runner.run({ userId, role: next }, `${email} is now ${next}`);
          if (!r.ok) setValue(previous);
        }}
        className={
          "rounded-md border-0 bg-white py-1.5 pl-2 pr-8 text-sm ring-1 ring-inset ring-slate-300 " +
          "focus:ring-2 focus:ring-indigo-600 disabled:bg-slate-50"
        }
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABEL[r]}
          </option>
        ))}
      </select>
    </label>
  );
}

const CONFIRMS = ["remove", "disable", "reset"] as const;
type Confirm = (typeof CONFIRMS)[number];

export function UserRowActions({ userId, email, disabled, isSelf, dealerName }: Props) {
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
    await remover.run({ userId }, `${email} no longer works on ${dealerName}`);
    setConfirm(null);
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
      {ask("remove", "Remove from dealer", "secondary", "You cannot remove yourself")}
      {CONFIRMS.map((which) => (
        <ConfirmDialog
          key={which}
          open={confirm === which}
          onClose={() => setConfirm(null)}
          pending={pending}
          {...dialogs[which]}
        />
      ))}
      <Dialog
        open={otp !== null}
        onClose={() => setOtp(null)}
        title="One-time password"
        description={`Give this to ${email}. It is shown only now; after closing this, reset again if it is lost.`}
        footer={<Button onClick={() => setOtp(null)}>Done</Button>}
      >
        <code
          data-testid="one-time-password"
          className="block select-all rounded-md bg-slate-100 px-3 py-2 text-center font-mono text-lg tracking-wider"
        >
          {otp}
        </code>
      </Dialog>
    </div>
  );
}
