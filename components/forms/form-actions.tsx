"use client";
import type { FormEvent, ReactNode } from "react";
import Link from "next/link";
import { Button, buttonClasses, cn, type ButtonSize, type ButtonVariant } from "@/components/ui";
import { BudgetWaitNotice, FormFailure, SlowNotice } from "./form-failure";
import type { FormMode } from "./form-values";
import type { BudgetWait } from "./use-budget-wait";
import type { ActionFailure } from "@/lib/actions/errors";

/** The bottom of every form: the failure (if any), the rate-limit countdown or slow-answer notice, Save and Cancel. */
export function FormFooter({
  failure,
  slow,
  pending,
  submitLabel,
  pendingLabel,
  cancelHref,
  budgetWait,
}: {
  failure: ActionFailure | null;
  slow: boolean;
  pending: boolean;
  submitLabel: string;
  pendingLabel: string;
  cancelHref: string;
  budgetWait?: BudgetWait;
}) {
  return (
    <div className="space-y-3 border-t border-slate-200 pt-4">
      <FormFailure failure={failure} />
      {budgetWait ? <BudgetWaitNotice secondsLeft={budgetWait.secondsLeft} onCancel={budgetWait.cancel} /> : null}
      <SlowNotice show={slow} />
      <div className="flex items-center gap-2">
        <Button type="submit" pending={pending} pendingText={pendingLabel}>
          {submitLabel}
        </Button>
        <Link href={cancelHref} className={buttonClasses("ghost")} aria-disabled={pending}>
          Cancel
        </Link>
      </div>
    </div>
  );
}

const PENDING = { Create: "Creating…", Add: "Adding…" } as const;

/**
 * The buttons of an object's create-or-edit form, worded alike everywhere: "Create site" / "Add contact"
 * (as the page that opened it says) while it sends "Creating…" / "Adding…"; an edit is "Save changes".
 */
export function objectFormLabels(
  mode: FormMode,
  verb: keyof typeof PENDING,
  noun: string,
): { submitLabel: string; pendingLabel: string } {
  if (mode === "update") return { submitLabel: "Save changes", pendingLabel: "Saving…" };
  return { submitLabel: `${verb} ${noun}`, pendingLabel: PENDING[verb] };
}

/**
 * A form run by useActionForm: its fields in the two-column grid (one on a phone), then the footer.
 * `className` sets the width (max-w-2xl, max-w-3xl).
 */
export function ActionFormLayout({
  form,
  className,
  children,
  ...footer
}: {
  form: {
    onSubmit: (e: FormEvent<HTMLFormElement>) => void;
    failure: ActionFailure | null;
    slow: boolean;
    pending: boolean;
  };
  className?: string;
  children: ReactNode;
  submitLabel: string;
  pendingLabel: string;
  cancelHref: string;
}) {
  return (
    <form onSubmit={form.onSubmit} noValidate className={cn(className, "space-y-5")} aria-busy={form.pending}>
      <div className="grid gap-4 sm:grid-cols-2">{children}</div>
      <FormFooter failure={form.failure} slow={form.slow} pending={form.pending} {...footer} />
    </form>
  );
}

type StackedFormProps = {
  form: { onSubmit: (e: FormEvent<HTMLFormElement>) => void; failure: ActionFailure | null; pending: boolean };
  /** The form's accessible name. */
  label?: string;
  className: string;
  autoComplete?: "off";
  submit: { label: string; pendingLabel: string; variant?: ButtonVariant; size?: ButtonSize };
  extra?: ReactNode;
  children: ReactNode;
};

/**
 * A one-column form run by useActionForm (settings, password, two-factor): its fields, the failure,
 * then the submit button, with `extra` buttons in a row beside it.
 */
export function StackedForm({ form, label, className, autoComplete, submit, extra, children }: StackedFormProps) {
  const button = (
    <Button
      type="submit"
      variant={submit.variant}
      size={submit.size}
      pending={form.pending}
      pendingText={submit.pendingLabel}
    >
      {submit.label}
    </Button>
  );
  return (
    <form
      aria-label={label}
      className={className}
      onSubmit={form.onSubmit}
      noValidate
      autoComplete={autoComplete}
      aria-busy={form.pending}
    >
      {children}
      <FormFailure failure={form.failure} />
      {extra ? (
        <div className="flex flex-wrap gap-2">
          {button}
          {extra}
        </div>
      ) : (
        button
      )}
    </form>
  );
}

/** A settings page's form (fleet, escalation): one column, no autofill, Save. */
export function SettingsForm({ form, extra, children }: Pick<StackedFormProps, "form" | "extra" | "children">) {
  return (
    <StackedForm form={form} className="max-w-xl space-y-4" autoComplete="off" submit={SAVE} extra={extra}>
      {children}
    </StackedForm>
  );
}

const SAVE = { label: "Save", pendingLabel: "Saving…" };

/** A form of the account page (password, two-factor): narrow, one column, named by `label`. */
export function AccountForm(props: Omit<StackedFormProps, "className" | "autoComplete"> & { label: string }) {
  return <StackedForm {...props} className="max-w-md space-y-3" />;
}
