import type { ReactNode } from "react";
import { cn } from "./cn";

/**
 * A box that scrolls sideways when what it holds (a table) is wider than the screen, rather than
 * widening the page. Focusable and named, so a keyboard can reach and scroll it (axe:
 * scrollable-region-focusable). DataTable is its own such region.
 */
export function ScrollRegion({
  label,
  className,
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={cn("min-w-0 overflow-x-auto", className)} tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
