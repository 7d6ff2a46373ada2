import { X } from "lucide-react";
import { cn } from "./cn";
import type { DialogProps } from "./dialog";

type DialogPanelProps = Pick<DialogProps, "onClose" | "title" | "description" | "children" | "footer"> & {
  /** The ids the <dialog> names as its label and description. */
  titleId: string;
  descId: string;
  /** false: the close button is disabled (work is under way). */
  dismissible: boolean;
  /** The whole height of the dialog (a side panel), rather than at most 85% of the screen's. */
  fill?: boolean;
};

/** What an open Dialog shows: the title bar with its close button, the scrolling body, the buttons row. */
export function DialogPanel({
  titleId,
  descId,
  title,
  description,
  children,
  footer,
  fill,
  ...close
}: DialogPanelProps) {
  return (
    <div className={cn("flex flex-col", fill ? "h-full" : "max-h-[85vh]")}>
      <div className="flex items-start justify-between gap-4 border-b border-slate-200 px-5 py-4">
        <div>
          <h2 id={titleId} className="text-base font-semibold">
            {title}
          </h2>
          {description ? (
            <p id={descId} className="mt-1 text-sm text-slate-600">
              {description}
            </p>
          ) : null}
        </div>
        <button
          type="button"
          onClick={close.onClose}
          disabled={!close.dismissible}
          className={
            "rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-700 focus-visible:outline " +
            "focus-visible:outline-2 focus-visible:outline-indigo-600"
          }
          aria-label="Close"
        >
          <X className="h-4 w-4" aria-hidden="true" />
        </button>
      </div>
      {children ? <div className="overflow-y-auto px-5 py-4">{children}</div> : null}
      {footer ? (
        // Wraps rather than pushing the first buttons off the left edge on a phone; the last (the main
        // action, by the footers' order) stays at the right end of the bottom line.
        <div className="flex flex-wrap justify-end gap-2 border-t border-slate-200 bg-slate-50 px-5 py-3">{footer}</div>
      ) : null}
    </div>
  );
}
