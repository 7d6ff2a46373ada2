import type { ReactNode } from "react";

/** A native details/summary: a small "show more" line inside a table cell. */
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
    <details className={className}>
      <summary className="inline-flex min-h-6 cursor-pointer items-center text-xs text-slate-600 hover:text-slate-900">
        {summary}
      </summary>
      {children}
    </details>
  );
}
