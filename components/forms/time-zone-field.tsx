"use client";
import { useId, useMemo, useState, type KeyboardEvent, type ReactNode } from "react";
import { cn, Field } from "@/components/ui";
import { findTimeZones, zoneLabel, zoneOffset } from "@/lib/time-zone-search";

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
  const base = useId();
  const listId = `${base}-zones`;
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const matches = useMemo(() => findTimeZones(value), [value]);
  const now = useMemo(() => new Date(), []);
  const shown = open && matches.length > 0;

  function pick(zone: string) {
    onChange({ target: { value: zone } });
    setOpen(false);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!open) return setOpen(true);
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (matches.length ? (i + step + matches.length) % matches.length : 0));
    } else if (e.key === "Enter" && shown) {
      // Enter picks the highlighted zone; it submits the form only when the list is closed.
      e.preventDefault();
      pick(matches[Math.min(active, matches.length - 1)].zone);
    } else if (e.key === "Escape" && shown) {
      e.preventDefault();
      setOpen(false);
    }
  }

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
            onChange={(e) => {
              onChange(e);
              setActive(0);
              setOpen(true);
            }}
            onKeyDown={onKeyDown}
            onFocus={() => setOpen(true)}
            onBlur={() => setOpen(false)}
          />
          <ul
            id={listId}
            role="listbox"
            aria-label="Zones found"
            hidden={!shown}
            className={cn(
              "absolute z-20 mt-1 max-h-64 w-full overflow-auto rounded-md bg-white py-1 text-sm",
              "shadow-lg ring-1 ring-slate-200",
            )}
          >
            {shown
              ? matches.map((m, i) => (
                  <li
                    key={m.zone}
                    id={`${listId}-${i}`}
                    role="option"
                    aria-selected={i === active}
                    // mousedown, not click: the input's blur would close the list before a click lands.
                    onMouseDown={(e) => {
                      e.preventDefault();
                      pick(m.zone);
                    }}
                    onMouseMove={() => setActive(i)}
                    className={cn(
                      "cursor-pointer px-3 py-2",
                      i === active ? "bg-indigo-600 text-white" : "text-slate-900",
                    )}
                  >
                    <span className="font-medium">{m.zone}</span>
                    <span className={cn("ml-2 text-xs", i === active ? "text-indigo-100" : "text-slate-600")}>
                      {m.place ? `${m.place} · ` : ""}
                      {m.place ? "" : `${zoneLabel(m.zone)} · `}
                      {zoneOffset(m.zone, now)}
                    </span>
                  </li>
                ))
              : null}
          </ul>
        </>
      )}
    </Field>
  );
}
