import type { ReactNode } from "react";
import { ChevronRight } from "lucide-react";
import { cn } from "./cn";

/**
 * A native details/summary: a small "show more" line inside a table cell. Its summary is a flex row, which hides
 * the browser's own triangle, so it draws its own chevron (turned down when open): without one nothing told a
 * reader that "Payload" opens.
 */
export function Disclosure({
  summary,
  className,
  children,
}: {
  summary: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <details className={cn("group", className)}>
      <summary
        className={
          "inline-flex min-h-6 cursor-pointer list-none items-center gap-0.5 text-xs text-slate-600 " +
          "hover:text-slate-900 [&::-webkit-details-marker]:hidden"
        }
      >
        <ChevronRight
          className="h-3.5 w-3.5 shrink-0 motion-safe:transition-transform group-open:rotate-90"
          aria-hidden="true"
        />
        {summary}
      </summary>
      {children}
    </details>
  );
}
