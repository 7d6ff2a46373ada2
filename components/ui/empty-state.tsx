import type { ReactNode } from "react";
import { cn } from "./cn";

export type EmptyStateProps = {
  /** A lucide-react icon element, e.g. <Building2 className="h-6 w-6" />. */
  icon?: ReactNode;
  title: ReactNode;
  /** One or two sentences: why it is empty and what to do. */
  description?: ReactNode;
  /** A button or link that fixes it (e.g. "Add a site"). */
  action?: ReactNode;
  className?: string;
};

/** What a list or page shows when there is nothing yet. */
export function EmptyState({ icon, title, description, action, className }: EmptyStateProps) {
  return (
    <div
      className={cn(
        "flex flex-col items-center justify-center rounded-lg border border-dashed border-slate-300 " +
          "bg-white px-6 py-12 text-center",
        className,
      )}
    >
      {icon ? (
        <div className="mb-3 text-slate-400" aria-hidden="true">
          {icon}
        </div>
      ) : null}
      <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
      {description ? <p className="mt-1 max-w-md text-sm text-slate-600">{description}</p> : null}
      {action ? <div className="mt-5">{action}</div> : null}
    </div>
  );
}
