import type { ReactNode } from "react";

/**
 * A percentage bar screen readers announce (role "progressbar", 0–100): `className` draws the
 * track, `children` the fill (one colour, or several side by side).
 */
export function ProgressBar({
  label,
  percent,
  valueText,
  className,
  children,
}: {
  /** Accessible name ("Job progress"). */
  label: string;
  percent: number;
  /** Read out instead of the bare percentage when it says more ("40% (3 failed)"). */
  valueText?: string;
  className: string;
  children: ReactNode;
}) {
  return (
    <div
      className={className}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={valueText}
    >
      {children}
    </div>
  );
}
