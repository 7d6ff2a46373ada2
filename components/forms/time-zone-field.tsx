"use client";
import { useId, type ReactNode } from "react";
import { Field, fieldControl } from "@/components/ui";
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
            className={fieldControl(!!error)}
            {...input}
          />
          <ZoneListbox id={listId} matches={matches} active={active} shown={shown} onPick={pick} onHover={setActive} />
        </>
      )}
    </Field>
  );
}
