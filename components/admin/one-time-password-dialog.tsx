"use client";
import { Button, Dialog } from "@/components/ui";

/** The password a reset made, shown once: nothing keeps it after the dialog closes. */
export function OneTimePasswordDialog({
  otp,
  email,
  onClose,
}: {
  otp: string | null;
  email: string;
  onClose: () => void;
}) {
  return (
    <Dialog
      open={otp !== null}
      onClose={onClose}
      title="One-time password"
      description={`Give this to ${email}. It is shown only now; after closing this, reset again if it is lost.`}
      footer={<Button onClick={onClose}>Done</Button>}
    >
      <code
        data-testid="one-time-password"
        className="block select-all rounded-md bg-slate-100 px-3 py-2 text-center font-mono text-lg tracking-wider"
      >
        {otp}
      </code>
    </Dialog>
  );
}
