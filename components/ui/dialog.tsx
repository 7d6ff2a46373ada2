"use client";
import { useId, type ReactNode } from "react";
import { cn } from "./cn";
import { Button } from "./button";
import { DialogPanel } from "./dialog-panel";
import { useModalDialog } from "./use-modal-dialog";

export type DialogProps = {
  /** Controlled: the dialog is shown while true. */
  open: boolean;
  /** Called on Esc, the close button or a click on the backdrop (unless dismissible is false). */
  onClose: () => void;
  title: ReactNode;
  /** Optional sentence under the title (read as the dialog's description). */
  description?: ReactNode;
  children?: ReactNode;
  /** Buttons row at the bottom, right-aligned. */
  footer?: ReactNode;
  /** max width: sm (24rem), md (32rem, default), lg (48rem). */
  size?: "sm" | "md" | "lg";
  /** false while work is under way: Esc and the backdrop no longer close it. */
  dismissible?: boolean;
};

/**
 * A modal dialog on the native <dialog> element: the page behind is inert, Tab stays inside,
 * Esc closes, focus returns to whatever opened it.
 */
export function Dialog({ open, size = "md", dismissible = true, ...panel }: DialogProps) {
  const { onClose } = panel;
  const { ref, onKeyDown } = useModalDialog(open);
  const titleId = useId();
  const descId = useId();

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={panel.description ? descId : undefined}
      onKeyDown={onKeyDown}
      onCancel={(e) => {
        // Esc: let React state decide, so the dialog never closes behind the app's back.
        e.preventDefault();
        if (dismissible) onClose();
      }}
      onClick={(e) => {
        if (dismissible && e.target === ref.current) onClose();
      }}
      className={cn(
        "w-[calc(100%-2rem)] rounded-lg bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50",
        size === "sm" && "max-w-sm",
        size === "md" && "max-w-lg",
        size === "lg" && "max-w-3xl",
      )}
    >
      {open ? <DialogPanel {...panel} titleId={titleId} descId={descId} dismissible={dismissible} /> : null}
    </dialog>
  );
}

/**
 * A ConfirmDialog is a small Dialog that cannot be dismissed while `pending`; its description says what
 * will happen, in words (e.g. "Site 12 and its 40 devices will be deleted in CHeKT.").
 */
export type ConfirmDialogProps = Pick<DialogProps, "open" | "onClose" | "title" | "description" | "children"> & {
  /** Runs when the user confirms; the dialog shows a pending state while it runs. */
  onConfirm: () => void | Promise<void>;
  confirmLabel?: string;
  cancelLabel?: string;
  /** Red confirm button for destructive actions. */
  destructive?: boolean;
  /** Set by the caller while the confirmed work runs (disables both buttons). */
  pending?: boolean;
  /** The confirm button is off until the caller allows it (e.g. the object's name has been typed). */
  confirmDisabled?: boolean;
};

/** "Are you sure?" built on Dialog. The cancel button gets focus first, so Enter never destroys by accident. */
export function ConfirmDialog({
  onConfirm,
  confirmLabel = "Confirm",
  cancelLabel = "Cancel",
  destructive = false,
  pending = false,
  confirmDisabled,
  ...dialog
}: ConfirmDialogProps) {
  return (
    <Dialog
      {...dialog}
      size="sm"
      dismissible={!pending}
      footer={
        <>
          <Button variant="secondary" onClick={dialog.onClose} disabled={pending} data-autofocus>
            {cancelLabel}
          </Button>
          <Button
            variant={destructive ? "danger" : "primary"}
            onClick={() => void onConfirm()}
            pending={pending}
            disabled={confirmDisabled}
          >
            {confirmLabel}
          </Button>
        </>
      }
    />
  );
}
