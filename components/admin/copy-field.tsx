"use client";
import { Copy } from "lucide-react";
import { toast } from "sonner";

/** A read-only value with a copy button (the webhook URL to paste into CHeKT). */
export function CopyField({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <p className="text-sm font-medium text-slate-700">{label}</p>
      <div className="mt-1 flex items-center gap-2">
        <code
          data-testid="copy-value"
          className="min-w-0 flex-1 break-all rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-800"
        >
          {value}
        </code>
        <button
          type="button"
          aria-label={`Copy ${label}`}
          onClick={() =>
            navigator.clipboard.writeText(value).then(
              () => toast.success("Copied"),
              () => toast.error("Copy failed: select the text and copy it by hand."),
            )
          }
          className={
            "inline-flex h-9 items-center gap-1.5 rounded-md px-3 text-sm font-medium text-slate-700 ring-1 " +
            "ring-inset ring-slate-300 hover:bg-slate-50 focus-visible:outline focus-visible:outline-2 " +
            "focus-visible:outline-indigo-600"
          }
        >
          <Copy className="h-4 w-4" aria-hidden="true" /> Copy
        </button>
      </div>
    </div>
  );
}
