import type { ReactNode } from "react";
import { cn } from "./cn";

export type BadgeTone = "neutral" | "info" | "success" | "warning" | "danger";

// The look is app/globals.css's (.badge and a class per tone): a list shows a badge or two in every
// row, and the ~130-character utility list came twice a badge, in the HTML and in the RSC payload.
const tones: Record<BadgeTone, string> = {
  neutral: "badge badge-neutral",
  info: "badge badge-info",
  success: "badge badge-success",
  warning: "badge badge-warning",
  danger: "badge badge-danger",
};

/** A short status label (e.g. "Activated", "Offline"). Tone carries meaning; keep the text explicit too. */
export function Badge({
  tone = "neutral",
  children,
  className,
}: {
  tone?: BadgeTone;
  children: ReactNode;
  className?: string;
}) {
  return <span className={cn(tones[tone], className)}>{children}</span>;
}
