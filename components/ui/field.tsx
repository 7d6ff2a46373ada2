"use client";
import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";
import { cn } from "./cn";
import { controlBase, controlEdge } from "./control-classes";

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

/** A labelled field's control: full width, a form's padding, the look every control shares (control-classes.ts). */
export function fieldControl(error: boolean) {
  return cn("block w-full rounded-md px-3 py-2", controlBase, controlEdge({ error }));
}

/** The ids and a11y attributes the frame gives its control (spread after the caller's own props). */
export type FieldControlProps = {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
};

export type FieldFrameProps = FieldProps & {
  /** The control's id; default `f-<name>`, else a generated one. */
  id?: string;
  name?: string;
  required?: boolean;
  /** The caller's own aria-describedby, merged with the hint and error ids. */
  describedBy?: string;
  children: (control: FieldControlProps) => ReactNode;
};

/**
 * A labelled control's frame: the label (with the required mark), the control the children render, the
 * hint and the error, tied together by ids. Input, Select and Textarea are built on it; a custom control
 * (the time-zone combobox) uses it directly.
 */
export function Field({
  id,
  name,
  required,
  describedBy,
  label,
  error,
  hint,
  hideLabel,
  wrapperClassName,
  children,
}: FieldFrameProps) {
  const auto = useId();
  const base = id ?? (name ? `f-${name}` : auto);
  const errorId = `${base}-error`;
  const hintId = `${base}-hint`;
  const aria = [describedBy, hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    // Spaced by margins of their own rather than the wrapper's space-y, so a hidden label leaves no gap.
    <div className={wrapperClassName}>
      <label htmlFor={base} className={cn("mb-1 block text-sm font-medium text-slate-700", hideLabel && "sr-only")}>
        {label}
        {required ? (
          <span className="ml-0.5 text-red-600" aria-hidden="true">
            *
          </span>
        ) : null}
      </label>
      {children({ id: base, "aria-invalid": error ? true : undefined, "aria-describedby": aria })}
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="mt-1 text-sm text-red-600" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

type ControlAttributes = { id?: string; name?: string; required?: boolean; "aria-describedby"?: string };

/** Splits a field's props into the frame's and the control's own; className is the control's, the caller's added. */
function frameOf<P extends FieldProps & ControlAttributes & { className?: string }>(props: P) {
  const { label, error, hint, hideLabel, wrapperClassName, id, className, ...own } = props;
  const frame = {
    label,
    error,
    hint,
    hideLabel,
    wrapperClassName,
    id,
    name: own.name,
    required: own.required,
    describedBy: own["aria-describedby"],
  };
  return { frame, control: own, className: cn(fieldControl(!!error), className) };
}

export type InputProps = InputHTMLAttributes<HTMLInputElement> & FieldProps;

/** A text-like input with its label, hint and error message. */
export function Input(props: InputProps) {
  const { frame, control: rest, className } = frameOf(props);
  return <Field {...frame}>{(a11y) => <input {...rest} {...a11y} className={className} />}</Field>;
}

export type SelectOption = { value: string; label: string; disabled?: boolean };
export type SelectProps = SelectHTMLAttributes<HTMLSelectElement> &
  FieldProps & {
    /** Options to render (a plain string is its own value and label); or pass <option> children instead. */
    options?: readonly (SelectOption | string)[];
    /** A first, empty option (e.g. "Choose…"). */
    placeholder?: string;
  };

/** A native select with its label, hint and error message. */
export function Select({ options, placeholder, children, ...props }: SelectProps) {
  const { frame, control: rest, className } = frameOf(props);
  return (
    <Field {...frame}>
      {(a11y) => (
        <select {...rest} {...a11y} className={cn("pr-8", className)}>
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options?.map((o) =>
            typeof o === "string" ? (
              <option key={o} value={o}>
                {o}
              </option>
            ) : (
              <option key={o.value} value={o.value} disabled={o.disabled}>
                {o.label}
              </option>
            ),
          )}
          {children}
        </select>
      )}
    </Field>
  );
}

export type TextareaProps = TextareaHTMLAttributes<HTMLTextAreaElement> & FieldProps;

/** A multi-line input with its label, hint and error message. */
export function Textarea(props: TextareaProps) {
  const { frame, control: rest, className } = frameOf(props);
  return <Field {...frame}>{(a11y) => <textarea {...rest} {...a11y} className={className} />}</Field>;
}
