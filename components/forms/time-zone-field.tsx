"use client";
import { useId, type ReactNode } from "react";
import { cn, Field } from "@/components/ui";
import { useZoneCombobox } from "./use-zone-combobox";
import { ZoneListbox } from "./zone-listbox";

type Props = {
  label: ReactNode;
  name: string;
  value: string;
  onChange: (e: { target: { value: string } }) => void;
  error?: string | null;
  hint?: ReactNode;
  required?: boolean;
  placeholder?: string;
};

const control =
  "block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset " +
  "ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-indigo-600 focus:outline-none";

/**
 * The time-zone combobox (WAI-ARIA 1.2 pattern): type a city, a country or part of an IANA name
 * ("New York", "Germany", "UK") and pick with the arrow keys and Enter, or the mouse. The field
 * holds what was typed until a zone is picked, so the server's message explains a wrong one.
 */
export function TimeZoneField({ label, name, value, onChange, error, hint, required, placeholder }: Props) {
  const listId = `${useId()}-zones`;
  const { matches, shown, active, setActive, pick, input } = useZoneCombobox(value, onChange);

  return (
    <Field label={label} name={name} required={required} error={error} hint={hint} wrapperClassName="relative">
      {(a11y) => (
        <>
          <input
            {...a11y}
            name={name}
            value={value}
            required={required}
            placeholder={placeholder}
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={shown}
            aria-controls={listId}
            aria-activedescendant={shown ? `${listId}-${Math.min(active, matches.length - 1)}` : undefined}
            autoComplete="off"
            spellCheck={false}
            className={cn(control, error && "ring-red-500 focus:ring-red-600")}
            {...input}
          />
          <ZoneListbox id={listId} matches={matches} active={active} shown={shown} onPick={pick} onHover={setActive} />
        </>
      )}
    </Field>
  );
}
