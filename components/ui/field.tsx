"use client";
import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";
import { cn } from "./cn";

/** Props every labelled control shares. */
export type FieldProps = {
  /** Visible label, tied to the control. */
  label: ReactNode;
  /** Error text shown under the control (red, announced, sets aria-invalid). Empty = no error. */
  error?: string | null;
  /** Help text under the control. */
  hint?: ReactNode;
  /** Visually hide the label (it is still read by screen readers). */
  hideLabel?: boolean;
  /** Classes for the wrapping div (layout: width, grid span). */
  wrapperClassName?: string;
};

const control =
  "block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset " +
  "ring-slate-300 " +
  "placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-indigo-600 focus:outline-none " +
  "disabled:cursor-not-allowed disabled:bg-slate-50 disabled:text-slate-500";
const invalid = "ring-red-500 focus:ring-red-600";

function useFieldIds(id: string | undefined, name: string | undefined) {
  const auto = useId();
  const base = id ?? (name ? `f-${name}` : auto);
  return { id: base, errorId: `${base}-error`, hintId: `${base}-hint` };
}

function Wrapper({
  id,
  errorId,
  hintId,
  label,
  error,
  hint,
  hideLabel,
  wrapperClassName,
  required,
  children,
}: FieldProps & { id: string; errorId: string; hintId: string; required?: boolean; children: ReactNode }) {
  return (
    <div className={cn("space-y-1", wrapperClassName)}>
      <label htmlFor={id} className={cn("block text-sm font-medium text-slate-700", hideLabel && "sr-only")}>
        {label}
        {required ? (
          <span className="ml-0.5 text-red-600" aria-hidden="true">
            *
          </span>
        ) : null}
      </label>
      {children}
      {hint ? (
        <p id={hintId} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-sm text-red-600" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function describedBy(error: string | null | undefined, hint: ReactNode, errorId: string, hintId: string, own?: string) {
  return [own, hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
}

// Spread after the caller's props, so a caller's own aria-describedby is merged rather than
// replacing the hint and error ids.
function controlA11y(
  ids: ReturnType<typeof useFieldIds>,
  error: string | null | undefined,
  hint: ReactNode,
  own?: string,
) {
  return {
    id: ids.id,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy(error, hint, ids.errorId, ids.hintId, own),
  } as const;
}

export type InputProps = InputHTMLAttributes<HTMLInputElement> & FieldProps;

/** A text-like input with its label, hint and error message. */
export function Input({ label, error, hint, hideLabel, wrapperClassName, id, className, ...rest }: InputProps) {
  const ids = useFieldIds(id, rest.name);
  return (
    <Wrapper
      {...ids}
      label={label}
      error={error}
      hint={hint}
      hideLabel={hideLabel}
      wrapperClassName={wrapperClassName}
      required={rest.required}
    >
      <input
        {...rest}
        {...controlA11y(ids, error, hint, rest["aria-describedby"])}
        className={cn(control, error && invalid, className)}
      />
    </Wrapper>
  );
}

export type SelectOption = { value: string; label: string; disabled?: boolean };
export type SelectProps = SelectHTMLAttributes<HTMLSelectElement> &
  FieldProps & {
    /** Options to render; or pass <option> children instead. */
    options?: SelectOption[];
    /** A first, empty option (e.g. "Choose…"). */
    placeholder?: string;
  };

/** A native select with its label, hint and error message. */
export function Select({
  label,
  error,
  hint,
  hideLabel,
  wrapperClassName,
  id,
  className,
  options,
  placeholder,
  children,
  ...rest
}: SelectProps) {
  const ids = useFieldIds(id, rest.name);
  return (
    <Wrapper
      {...ids}
      label={label}
      error={error}
      hint={hint}
      hideLabel={hideLabel}
      wrapperClassName={wrapperClassName}
      required={rest.required}
    >
      <select
        {...rest}
        {...controlA11y(ids, error, hint, rest["aria-describedby"])}
        className={cn(control, "pr-8", error && invalid, className)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options?.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
        {children}
      </select>
    </Wrapper>
  );
}

export type TextareaProps = TextareaHTMLAttributes<HTMLTextAreaElement> & FieldProps;

/** A multi-line input with its label, hint and error message. */
export function Textarea({ label, error, hint, hideLabel, wrapperClassName, id, className, ...rest }: TextareaProps) {
  const ids = useFieldIds(id, rest.name);
  return (
    <Wrapper
      {...ids}
      label={label}
      error={error}
      hint={hint}
      hideLabel={hideLabel}
      wrapperClassName={wrapperClassName}
      required={rest.required}
    >
      <textarea
        {...rest}
        {...controlA11y(ids, error, hint, rest["aria-describedby"])}
        className={cn(control, error && invalid, className)}
      />
    </Wrapper>
  );
}
