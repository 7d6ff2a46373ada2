"use client";
import { createContext, useContext, useEffect, useId, useMemo, useState, type ReactNode } from "react";
import { withToggled } from "@/lib/list-state/selection";
import { cn } from "./cn";
import { Button } from "./button";
import { DialogPanel } from "./dialog-panel";
import { useModalDialog } from "./use-modal-dialog";

export type DialogProps = {
  /** Controlled: the dialog is shown while true. */
  open: boolean;
  /**
   * Called on Esc, the close button or a click on the backdrop (unless dismissible is false); while a
   * field inside holds unsaved text (useUnsavedInDialog), only once the user agreed to discard it.
   */
  onClose: () => void;
  title: ReactNode;
  /** Optional sentence under the title (read as the dialog's description). */
  description?: ReactNode;
  children?: ReactNode;
  /** Buttons row at the bottom, right-aligned; it wraps onto more lines where they do not fit (a phone). */
  footer?: ReactNode;
  /** max width: sm (24rem), md (32rem, default), lg (48rem). */
  size?: "sm" | "md" | "lg";
  /** false while work is under way: Esc and the backdrop no longer close it. */
  dismissible?: boolean;
  /** "side": a full-height panel at the right edge (a drawer of details), else centred. */
  placement?: "center" | "side";
};

/** The fields of an open Dialog that hold typed, unsaved text, each under its own key. */
const UnsavedText = createContext<((key: string, unsaved: boolean) => void) | null>(null);

/**
 * For a field inside a Dialog: while `unsaved`, Esc, the close button and the backdrop ask before
 * closing the dialog, so a key press meant for the field never throws away what was typed.
 */
export function useUnsavedInDialog(unsaved: boolean) {
  const mark = useContext(UnsavedText);
  const key = useId();
  useEffect(() => {
    mark?.(key, unsaved);
    return () => mark?.(key, false);
  }, [mark, key, unsaved]);
}

/**
 * A modal dialog on the native <dialog> element: the page behind is inert, Tab stays inside,
 * Esc closes (asking first while a field holds unsaved text), focus returns to whatever opened it.
 */
export function Dialog({ open, size = "md", dismissible = true, placement = "center", ...panel }: DialogProps) {
  const { onClose } = panel;
  const { ref, onKeyDown } = useModalDialog(open);
  const titleId = useId();
  const descId = useId();
  const [unsaved, setUnsaved] = useState<ReadonlySet<string>>(() => new Set());
  const [asking, setAsking] = useState(false);
  const mark = useMemo(
    () => (key: string, on: boolean) => setUnsaved((s) => (s.has(key) === on ? s : withToggled(s, key, on))),
    [],
  );
  const requestClose = () => {
    if (!dismissible) return;
    if (unsaved.size > 0) setAsking(true);
    else onClose();
  };

  return (
    <>
      <dialog
        ref={ref}
        aria-labelledby={titleId}
        aria-describedby={panel.description ? descId : undefined}
        onKeyDown={onKeyDown}
        onCancel={(e) => {
          // Esc: let React state decide, so the dialog never closes behind the app's back.
          e.preventDefault();
          if (e.target === ref.current) requestClose();
        }}
        onClick={(e) => {
          if (e.target === ref.current) requestClose();
        }}
        className={cn(
          "bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50",
          placement === "side"
            ? "my-0 ml-auto mr-0 h-full max-h-full w-full rounded-none"
            : "w-[calc(100%-2rem)] rounded-lg",
          size === "sm" && "max-w-sm",
          size === "md" && "max-w-lg",
          size === "lg" && "max-w-3xl",
        )}
      >
        <UnsavedText.Provider value={mark}>
          {open ? (
            <DialogPanel
              {...panel}
              fill={placement === "side"}
              onClose={requestClose}
              titleId={titleId}
              descId={descId}
              dismissible={dismissible}
            />
          ) : null}
        </UnsavedText.Provider>
      </dialog>
      {/* Beside the dialog, not inside it: its keys and clicks are then never the dialog's own. */}
      {asking ? (
        <ConfirmDialog
          open
          onClose={() => setAsking(false)}
          title="Discard what you typed?"
          description="Text typed in this window has not been saved. Closing it now loses that text."
          cancelLabel="Keep editing"
          confirmLabel="Discard and close"
          destructive
          onConfirm={() => {
            setAsking(false);
            onClose();
          }}
        />
      ) : null}
    </>
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
