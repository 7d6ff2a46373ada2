import type { ReactNode } from "react";
import { AlertTriangle, CheckCircle2, Info, XCircle } from "lucide-react";
import { cn } from "./cn";

export type AlertTone = "info" | "success" | "warning" | "danger";

const styles: Record<AlertTone, { box: string; Icon: typeof Info }> = {
  info: { box: "bg-indigo-50 text-indigo-900 border-indigo-200", Icon: Info },
  success: { box: "bg-emerald-50 text-emerald-900 border-emerald-200", Icon: CheckCircle2 },
  warning: { box: "bg-amber-50 text-amber-900 border-amber-200", Icon: AlertTriangle },
  danger: { box: "bg-red-50 text-red-900 border-red-200", Icon: XCircle },
};

/**
 * A message box inside a page or form (e.g. a form-level error with its trace id).
 * danger/warning are announced to screen readers (role="alert"), the others politely; `live={false}` for
 * a box whose words change by themselves (a progress count), which then says its steady part in its own region.
 */
export function Alert({
  tone = "info",
  title,
  children,
  className,
  live = true,
}: {
  tone?: AlertTone;
  live?: boolean;
  title?: ReactNode;
  children?: ReactNode;
  className?: string;
}) {
  const { box, Icon } = styles[tone];
  return (
    <div
      role={!live ? undefined : tone === "danger" || tone === "warning" ? "alert" : "status"}
      className={cn("flex gap-3 rounded-md border px-4 py-3 text-sm", box, className)}
    >
      <Icon className="mt-0.5 h-4 w-4 shrink-0" aria-hidden="true" />
      <div className="min-w-0">
        {title ? <p className="font-medium">{title}</p> : null}
        {children ? <div className={title ? "mt-1" : undefined}>{children}</div> : null}
      </div>
    </div>
  );
}
