import type { ButtonHTMLAttributes, ReactNode } from "react";
import { cn } from "./cn";
import { Spinner } from "./spinner";

export type ButtonVariant = "primary" | "secondary" | "danger" | "ghost";
export type ButtonSize = "sm" | "md";

export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  /** primary (default): the one main action; secondary: neutral; danger: destructive; ghost: toolbar. */
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Shows a spinner, disables the button and sets aria-busy while work is under way. */
  pending?: boolean;
  /** Text shown while pending (default: the children). */
  pendingText?: ReactNode;
  /** An icon before the label (e.g. a lucide-react icon with className="h-4 w-4"). */
  icon?: ReactNode;
};

const variants: Record<ButtonVariant, string> = {
  primary: "bg-indigo-600 text-white shadow-sm hover:bg-indigo-700 disabled:bg-indigo-400",
  secondary:
    "bg-white text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50 disabled:text-slate-400",
  danger: "bg-red-600 text-white shadow-sm hover:bg-red-700 disabled:bg-red-400",
  ghost: "text-slate-700 hover:bg-slate-100 disabled:text-slate-400",
};

const sizes: Record<ButtonSize, string> = {
  sm: "h-8 px-2.5 text-sm gap-1.5",
  md: "h-10 px-4 text-sm gap-2",
};

export function buttonClasses(variant: ButtonVariant = "primary", size: ButtonSize = "md", className?: string) {
  return cn(
    "inline-flex items-center justify-center whitespace-nowrap rounded-md font-medium transition-colors",
    "focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600",
    "disabled:cursor-not-allowed",
    variants[variant],
    sizes[size],
    className,
  );
}

/**
 * The app's button. Works in server and client components (no hooks). In a form whose pending
 * state comes from React, use <SubmitButton> instead.
 */
export function Button({
  variant = "primary",
  size = "md",
  pending = false,
  pendingText,
  icon,
  className,
  disabled,
  children,
  type = "button",
  ...rest
}: ButtonProps) {
  const label = pending && pendingText ? pendingText : children;
  return (
    <button
      type={type}
      className={buttonClasses(variant, size, className)}
      disabled={disabled || pending}
      aria-busy={pending || undefined}
      {...rest}
    >
      {pending ? <Spinner /> : icon}
      {/* An icon-only button (its name in aria-label) gets no empty label beside the icon, nor its gap. */}
      {label ? <span>{label}</span> : null}
    </button>
  );
}
