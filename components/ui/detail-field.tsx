import { cn } from "./cn";
import type { ReactNode } from "react";

/** One labelled value of an object's details, inside a <dl>: every details list of the console is made of these. */
export function DetailField({
  label,
  children,
  testId,
  className,
}: {
  label: string;
  children: ReactNode;
  testId?: string;
  /** The wrapper's place in the list's grid, e.g. col-span-2. */
  className?: string;
}) {
  return (
    <div className={cn("min-w-0", className)}>
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-0.5 break-words text-sm text-slate-900" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}
